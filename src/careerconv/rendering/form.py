"""The fill-in form: one self-contained HTML file a manager fills in during the conversation.

The page carries the template (its words filled with the parameters), the JSON Schema of its records and,
from the previous record, its employee, manager, parameters and open actions, as JSON in the page. Its script
builds the fields, links to the sections and counts the answers, checks the record against the schema with
messages at the fields, keeps a draft for each employee and record in the browser's local storage (removed
once the record is saved) and saves the record as a YAML or JSON file that ``careerconv validate`` accepts,
its YAML written by careerconv's own rules (``emitter.RULES``, handed to ``yaml.js``). Nothing is fetched: no
network, no external asset.
"""

from __future__ import annotations

import html
import importlib.resources
import json
from collections.abc import Mapping
from typing import Any

from careerconv.formats import emitter
from careerconv.model import Conversation, Person, Question, Template
from careerconv.questions import kind_of
from careerconv.rules.envelope import SCHEMA_VERSION
from careerconv.rules.params import parameter_values
from careerconv.rules.schema import json_schema
from careerconv.rules.structure import converter
from careerconv.rules.text import fill_line
from careerconv.workflow.session import carried_actions, successor

__all__ = ["form"]

_ASSETS = importlib.resources.files("careerconv.rendering") / "templates"

# The form's own words, by language; a locale without an entry uses English.
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "conversation": "The conversation",
        "employee_id": "Employee id *",
        "employee_name": "Employee name",
        "team": "Team",
        "manager_id": "Manager id",
        "manager_name": "Manager name",
        "date": "Date",
        "record_id": "Record id",
        "record_id_hint": "date-employee, when left empty",
        "private": "Private (for the manager only)",
        "clear": "Clear",
        "answer": "Answer",
        "notes": "Notes",
        "ranking": "Motivations, the most important first",
        "rank_hint": "Drag the motivations into order, or use the arrow buttons; the most important first.",
        "ranked": "Ranked in this conversation",
        "move_up": "Move {label} up",
        "move_down": "Move {label} down",
        "moved": "{label} is now number {position}",
        "timebox": "Timebox: {n} minutes",
        "goal_statement": "Goal",
        "goal_success": "What success looks like",
        "goal_by": "By",
        "reality_current": "Where things stand",
        "reality_obstacles": "Obstacles",
        "one_per_line": "One per line.",
        "options": "Options",
        "add_option": "Add an option",
        "option": "Option",
        "chosen": "Chosen",
        "actions": "Actions",
        "add_action": "Add an action",
        "action": "Action",
        "owner": "Owner",
        "owner_employee": "Employee",
        "owner_manager": "Manager",
        "due": "Due",
        "status": "Status",
        "status_open": "Open",
        "status_done": "Done",
        "status_dropped": "Dropped",
        "carried": "carried from the last conversation",
        "remove": "Remove",
        "note": "Note",
        "notes_title": "Notes",
        "add_note": "Add a note",
        "complete": "This record is complete: every required question (*) is answered",
        "save_yaml": "Save as YAML",
        "save_json": "Save as JSON",
        "problems": "The record cannot be saved yet:",
        "not_saved": "Not saved: see the problems listed above.",
        "saved": "Saved as {file}. Its draft was removed from this browser.",
        "saved_by": "Saved by careerconv's fill-in form. Check it with: careerconv validate FILE",
        "draft": "A draft for {employee} kept by this browser was restored.",
        "discard": "Discard draft",
        "draft_restored": "Draft restored.",
        "draft_where": (
            "Drafts are kept in this browser's local storage, on this computer, once the employee's id is filled "
            "in: one draft for each employee and record, never shown in another person's form. Saving the record "
            "removes its draft."
        ),
        "discarded": "Draft discarded: the page is empty again.",
        "carried_person": "The employee, the manager and the open actions come from the last conversation.",
        "skip_to_save": "Skip to the save buttons",
        "contents": "Sections",
        "to_save": "Save the record",
        "section_progress": "{answered} of {total} answered",
        "progress": "{answered} of {total} questions answered",
        "progress_required": "{answered} of {total} required questions answered",
        "error_required": "Required: answer this.",
        "error_type": "This does not have the expected type.",
        "error_pattern": "Use letters, digits, '.', '_' and '-', starting with a letter or digit.",
        "error_minimum": "Too small.",
        "error_maximum": "Too large.",
        "error_minItems": "Rank every motivation, or none.",
        "error_maxItems": "Too many items.",
        "error_uniqueItems": "Each item once.",
        "error_additional": "Not part of this template.",
        "error_other": "Not a valid answer.",
    },
    "es": {
        "conversation": "La conversación",
        "employee_id": "Id de la persona *",
        "employee_name": "Nombre de la persona",
        "team": "Equipo",
        "manager_id": "Id del responsable",
        "manager_name": "Nombre del responsable",
        "date": "Fecha",
        "record_id": "Id del registro",
        "record_id_hint": "fecha-persona, si se deja vacío",
        "private": "Privado (solo para el responsable)",
        "clear": "Borrar",
        "answer": "Respuesta",
        "notes": "Notas",
        "ranking": "Motivaciones, la más importante primero",
        "rank_hint": "Arrastra las motivaciones para ordenarlas, o usa las flechas; la más importante primero.",
        "ranked": "Ordenadas en esta conversación",
        "move_up": "Subir {label}",
        "move_down": "Bajar {label}",
        "moved": "{label} es ahora la número {position}",
        "timebox": "Tiempo: {n} minutos",
        "goal_statement": "Objetivo",
        "goal_success": "Cómo se ve el éxito",
        "goal_by": "Para",
        "reality_current": "Situación actual",
        "reality_obstacles": "Obstáculos",
        "one_per_line": "Uno por línea.",
        "options": "Opciones",
        "add_option": "Añadir una opción",
        "option": "Opción",
        "chosen": "Elegida",
        "actions": "Acciones",
        "add_action": "Añadir una acción",
        "action": "Acción",
        "owner": "Responsable",
        "owner_employee": "La persona",
        "owner_manager": "El responsable",
        "due": "Fecha límite",
        "status": "Estado",
        "status_open": "Abierta",
        "status_done": "Hecha",
        "status_dropped": "Descartada",
        "carried": "de la conversación anterior",
        "remove": "Quitar",
        "note": "Nota",
        "notes_title": "Notas",
        "add_note": "Añadir una nota",
        "complete": "Este registro está completo: cada pregunta obligatoria (*) tiene respuesta",
        "save_yaml": "Guardar como YAML",
        "save_json": "Guardar como JSON",
        "problems": "El registro aún no se puede guardar:",
        "not_saved": "No guardado: revisa los problemas de arriba.",
        "saved": "Guardado como {file}. Se ha borrado su borrador de este navegador.",
        "saved_by": "Guardado con el formulario de careerconv. Compruébalo con: careerconv validate FICHERO",
        "draft": "Se ha recuperado un borrador de {employee} guardado en este navegador.",
        "discard": "Descartar el borrador",
        "draft_restored": "Borrador recuperado.",
        "draft_where": (
            "Los borradores se guardan en el almacenamiento local de este navegador, en este ordenador, en cuanto "
            "se rellena el id de la persona: un borrador por persona y registro, que nunca aparece en el "
            "formulario de otra persona. Al guardar el registro se borra su borrador."
        ),
        "discarded": "Borrador descartado: la página vuelve a estar vacía.",
        "carried_person": "La persona, el responsable y las acciones abiertas vienen de la conversación anterior.",
        "skip_to_save": "Saltar a los botones de guardar",
        "contents": "Secciones",
        "to_save": "Guardar el registro",
        "section_progress": "{answered} de {total} respondidas",
        "progress": "{answered} de {total} preguntas respondidas",
        "progress_required": "{answered} de {total} preguntas obligatorias respondidas",
        "error_required": "Obligatorio: responde a esto.",
        "error_type": "No tiene el tipo esperado.",
        "error_pattern": "Usa letras, cifras, '.', '_' y '-', empezando por una letra o cifra.",
        "error_minimum": "Demasiado pequeño.",
        "error_maximum": "Demasiado grande.",
        "error_minItems": "Ordena todas las motivaciones, o ninguna.",
        "error_maxItems": "Demasiados elementos.",
        "error_uniqueItems": "Cada elemento una vez.",
        "error_additional": "No forma parte de esta plantilla.",
        "error_other": "No es una respuesta válida.",
    },
}


def form(template: Template, *, params: Mapping[str, str] | None = None, previous: Conversation | None = None) -> str:
    """The fill-in form of ``template`` as one self-contained HTML page.

    ``params`` fill the template's parameters (and go into the saved record); ``previous``, the employee's
    last record, carries into the page what ``careerconv new --previous`` carries (`successor`): the
    employee (id, name, team), whose id the page then keeps, the manager, the parameters (``params`` win),
    and its open actions, with their ids and the day they were agreed. Nothing else of ``previous`` reaches
    the page: no answer, ranking or note, private or shared.

    Examples:
        >>> import careerconv
        >>> page = form(careerconv.get_template("standard"), params={"company": "Acme"})
        >>> page.startswith("<!DOCTYPE html>"), "What is it about working at Acme" in page, 'src="http' in page
        (True, True, False)
    """
    given = dict(params or {})
    people: dict[str, Any] = {"employee": None, "manager": None}
    if previous is not None:
        employee, manager, merged = successor(previous, None, None, given)
        given = {k: v for k, v in merged.items() if k in template.parameters or k in given}
        people = {"employee": _person(employee), "manager": None if manager is None else _person(manager)}
    values = parameter_values(template, given)
    language = template.locale.lower().partition("-")[0]
    words = _WORDS.get(language, _WORDS["en"])

    def text(value: str | None) -> str:
        return fill_line(value, values)

    def question(q: Question) -> dict[str, Any]:
        return {
            "id": q.id,
            "text": text(q.text),
            "type": q.type,
            "required": q.required,
            "help": text(q.help) or None,
            "prompts": [text(p) for p in q.prompts],
            "control": kind_of(q.type).control(q, language, text),
        }

    sections = [
        {
            "id": s.id,
            "title": text(s.title),
            "kind": s.kind,
            "purpose": text(s.purpose) or None,
            "duration_minutes": s.duration_minutes,
            "questions": [question(q) for q in s.questions],
            "motivations": [{"id": m.id, "label": text(m.label)} for m in s.motivations],
            "stages": [
                {
                    "id": g.id,
                    "title": text(g.title),
                    "purpose": text(g.purpose) or None,
                    "questions": [question(q) for q in g.questions],
                }
                for g in s.stages
            ],
        }
        for s in template.sections
    ]
    carried = [] if previous is None else carried_actions(previous)
    data = {
        "schema_version": SCHEMA_VERSION,
        "template": {"name": template.name, "version": template.version, "locale": template.locale},
        "params": given,
        "people": people,
        "words": words,
        "sections": sections,
        "carried": [json.loads(json.dumps(converter().unstructure(a), default=str)) for a in carried],
        "schema": json_schema(template),
        "complete_schema": json_schema(template, complete=True),
        "yaml": {"rules": emitter.RULES, "escapes": emitter.ESCAPES},
    }
    title = html.escape(text(template.title))
    description = html.escape(text(template.description))
    return _PAGE.format(
        lang=html.escape(template.locale),
        title=title,
        description=description,
        meta=html.escape(f"{template.name} {template.version} ({template.locale})"),
        style=(_ASSETS / "form.css").read_text(encoding="utf-8"),
        data=_script_json(data),
        script="\n".join((_ASSETS / name).read_text(encoding="utf-8") for name in ("yaml.js", "form.js")),
        complete=html.escape(words["complete"]),
        save_yaml=html.escape(words["save_yaml"]),
        save_json=html.escape(words["save_json"]),
        problems=html.escape(words["problems"]),
        draft_where=html.escape(words["draft_where"]),
        discard=html.escape(words["discard"]),
        skip_to_save=html.escape(words["skip_to_save"]),
        contents=html.escape(words["contents"]),
    )


def _person(person: Person) -> dict[str, str]:
    """A person as the page fills its fields: only the fields that hold something."""
    return {key: value for key, value in (("id", person.id), ("name", person.name), ("team", person.team)) if value}


def _script_json(data: object) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` that could end it or start markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; \
script-src 'unsafe-inline'; img-src data: blob:">
<title>{title}</title>
<style>
{style}
</style>
</head>
<body>
<a class="skip" href="#save-controls">{skip_to_save}</a>
<main class="careerconv-form">
<header>
<h1>{title}</h1>
<p class="meta">{meta}</p>
<p>{description}</p>
</header>
<nav id="contents" aria-labelledby="contents-title"><h2 id="contents-title">{contents}</h2><ol></ol></nav>
<div id="drafts" class="notice">
<p id="draft" hidden></p>
<p class="where">{draft_where}</p>
<button type="button" id="discard">{discard}</button>
</div>
<div id="problems-box" class="problems" role="alert" tabindex="-1" hidden><p>{problems}</p><ul id="problems"></ul></div>
<form id="record" novalidate></form>
<footer class="actions" id="save-controls" tabindex="-1">
<p id="progress"></p>
<label class="complete"><input type="checkbox" id="complete"> {complete}</label>
<button type="button" id="save-yaml">{save_yaml}</button>
<button type="button" id="save-json">{save_json}</button>
<p id="status" role="status"></p>
</footer>
<p id="live" class="visually-hidden" aria-live="polite"></p>
</main>
<script type="application/json" id="careerconv-data">{data}</script>
<script>
{script}
</script>
</body>
</html>
"""
