// careerconv's fill-in form: builds the fields from the data careerconv embedded in the page, checks the
// record against the template's JSON Schema, keeps a draft of each employee's record in the browser's local
// storage and saves the record as a YAML or JSON file. No network, no external asset: the page works opened
// from disk.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("careerconv-data").textContent);
  const W = data.words;
  const form = document.getElementById("record");
  const live = document.getElementById("live");
  const questions = {};  // each question by id, GROW stages' included
  const order = [];  // their ids in the template's order (an object's keys are not: "123" comes first)
  for (const section of data.sections) {
    for (const q of section.questions.concat.apply(section.questions, section.stages.map(function (g) { return g.questions; }))) {
      questions[q.id] = q;
      order.push(q.id);
    }
  }
  const opening = {};  // each field of the conversation's people and date as the page opened
  let unique = 0;

  function el(tag, props, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "on") for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
      else if (key in node && typeof value !== "string") node[key] = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children || []) if (child) node.append(child);
    return node;
  }
  function id(prefix) { unique += 1; return prefix + "-" + unique; }
  function say(message) { live.textContent = ""; window.setTimeout(function () { live.textContent = message; }, 30); }

  // A labelled control, with a place for its error message; ``path`` is the JSON path it fills.
  function field(label, control, path, hint) {
    const errorId = id("error");
    control.id = control.id || id("field");
    control.setAttribute("aria-describedby", errorId);
    control.dataset.path = path;
    return el("div", { class: "field" }, [
      el("label", { for: control.id, text: label }),
      hint ? el("p", { class: "hint", text: hint }) : null,
      control,
      el("p", { class: "error", id: errorId, "data-error-for": path, hidden: true }),
    ]);
  }
  function input(type, name, extra) { return el("input", Object.assign({ type: type, name: name }, extra || {})); }
  function privateSwitch(path) {
    const box = input("checkbox", "private", { role: "switch", "aria-checked": "false" });
    box.addEventListener("change", function () { box.setAttribute("aria-checked", String(box.checked)); });
    box.dataset.path = path;
    const label = el("label", { class: "private" }, [box, document.createTextNode(" " + W.private)]);
    return label;
  }

  // -- the parts of the form -------------------------------------------------------------------------

  // The employee, the manager and the date. A page made from the employee's last record (--previous) has
  // them filled in, and keeps the employee's id: the record, its actions and its draft are that person's.
  function people() {
    const today = new Date();
    const iso = new Date(today.getTime() - today.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
    const employee = data.people.employee || {};
    const manager = data.people.manager || {};
    const box = el("fieldset", { class: "people", id: "people" }, [
      el("legend", { text: W.conversation }),
      employee.id ? el("p", { class: "hint", text: W.carried_person }) : null,
      field(W.employee_id, input("text", "employee-id", { required: true, autocomplete: "off", value: employee.id, readOnly: !!employee.id }), "/employee/id"),
      field(W.employee_name, input("text", "employee-name", { value: employee.name }), "/employee/name"),
      field(W.team, input("text", "employee-team", { value: employee.team }), "/employee/team"),
      field(W.manager_id, input("text", "manager-id", { value: manager.id }), "/manager/id"),
      field(W.manager_name, input("text", "manager-name", { value: manager.name }), "/manager/name"),
      field(W.date, input("date", "date", { value: iso }), "/date"),
      field(W.record_id, input("text", "record-id", { placeholder: W.record_id_hint }), "/id"),
    ]);
    for (const control of box.querySelectorAll("input")) opening[control.name] = control.value;
    return box;
  }
  // careerconv's own default (workflow/session.default_record_id): DATE-EMPLOYEE, the characters an id cannot
  // hold as "-".
  function defaultRecordId(date, employee) {
    return [date, employee.replace(/[^A-Za-z0-9._-]+/gu, "-")].filter(Boolean).join("-");
  }

  // One control per question type (careerconv.questions has the other half of each type): ``draw`` adds the
  // answer's control to the question's box, ``read`` gives the value it holds (undefined for none), ``show``
  // sets it from a record's value; ``alone`` marks the type answered in words alone (its text box is the answer,
  // not notes). ``q.control`` holds what the type's Python side gave for the control.
  function points(box, q, path, multiple, kind) {
    const group = el("div", { role: multiple ? "group" : "radiogroup", class: "choices", "aria-label": q.text });
    for (const point of q.control.points) {
      const control = input(multiple ? "checkbox" : "radio", "value-" + q.id, { value: String(point.id) });
      control.dataset.kind = kind;
      group.append(el("label", { class: "choice" }, [control, document.createTextNode(" " + point.label)]));
    }
    if (!multiple) {
      const clear = el("button", { type: "button", class: "link", text: W.clear, on: { click: function () {
        for (const c of group.querySelectorAll("input")) c.checked = false;
        changed();
      } } });
      group.append(clear);
    }
    group.dataset.path = path + "/value";
    box.append(group, el("p", { class: "error", "data-error-for": path + "/value", hidden: true }));
  }
  function checked(box, q) {
    return Array.from(box.querySelectorAll('[name="value-' + q.id + '"]')).filter(function (c) { return c.checked; });
  }
  function tick(box, q, value) {
    const values = [].concat(value === undefined ? [] : value).map(String);
    for (const c of box.querySelectorAll('[name="value-' + q.id + '"]')) c.checked = values.includes(c.value);
  }
  const CONTROLS = {
    text: { alone: true, draw: function () {}, read: function () { return undefined; }, show: function () {} },
    scale: {
      draw: function (box, q, path) { points(box, q, path, false, "scale"); },
      read: function (box, q) { const c = checked(box, q); return c.length ? Number(c[0].value) : undefined; },
      show: tick,
    },
    choice: {
      draw: function (box, q, path) { points(box, q, path, q.control.multiple, "choice"); },
      read: function (box, q) {
        const c = checked(box, q);
        if (!c.length) return undefined;
        return q.control.multiple ? c.map(function (one) { return one.value; }) : c[0].value;
      },
      show: tick,
    },
    date: {
      draw: function (box, q, path) { box.append(field(q.control.label, input("date", "value-" + q.id), path + "/value")); },
      read: function (box, q) { return box.querySelector('[name="value-' + q.id + '"]').value || undefined; },
      show: function (box, q, value) { box.querySelector('[name="value-' + q.id + '"]').value = value || ""; },
    },
    boolean: {
      draw: function (box, q, path) { points(box, q, path, false, "boolean"); },
      read: function (box, q) { const c = checked(box, q); return c.length ? c[0].value === "true" : undefined; },
      show: tick,
    },
  };
  function controlOf(q) { return CONTROLS[q.type] || CONTROLS.text; }

  function question(q) {
    const box = el("fieldset", { class: "question", id: "question-" + q.id, "data-question": q.id });
    box.append(el("legend", { text: q.text + (q.required ? " *" : "") }));
    if (q.help) box.append(el("p", { class: "hint", text: q.help }));
    if (q.prompts.length) box.append(el("ul", { class: "prompts" }, q.prompts.map(function (p) { return el("li", { text: p }); })));
    const path = "/answers/" + q.id;
    const control = controlOf(q);
    control.draw(box, q, path);
    const notes = el("textarea", { name: "text-" + q.id, rows: control.alone ? 4 : 2 });
    box.append(field(control.alone ? W.answer : W.notes, notes, path + "/text"));
    box.append(el("p", { class: "error", "data-error-for": path, hidden: true }));
    box.append(privateSwitch(path + "/visibility"));
    return box;
  }

  function ranking(section) {
    const list = el("ol", { id: "ranking", class: "ranking", "aria-label": W.ranking });
    for (const m of section.motivations) list.append(rankItem(m));
    const ranked = input("checkbox", "ranked", { id: "ranked" });
    return el("div", {}, [
      el("p", { class: "hint", text: W.rank_hint }),
      list,
      el("p", { class: "error", "data-error-for": "/motivations/ranking", hidden: true }),
      el("label", { class: "private" }, [ranked, document.createTextNode(" " + W.ranked)]),
      field(W.notes, el("textarea", { name: "ranking-notes", rows: 2 }), "/motivations/notes"),
    ]);
  }
  function rankItem(m) {
    const item = el("li", { draggable: "true", "data-id": m.id }, [
      el("span", { class: "position" }),
      el("span", { class: "label", text: m.label }),
      el("button", { type: "button", class: "move", "aria-label": W.move_up.replace("{label}", m.label), text: "↑", on: { click: function () { move(item, -1); } } }),
      el("button", { type: "button", class: "move", "aria-label": W.move_down.replace("{label}", m.label), text: "↓", on: { click: function () { move(item, 1); } } }),
    ]);
    item.addEventListener("dragstart", function (event) { event.dataTransfer.setData("text/plain", m.id); item.classList.add("dragging"); });
    item.addEventListener("dragend", function () { item.classList.remove("dragging"); });
    item.addEventListener("dragover", function (event) { event.preventDefault(); });
    item.addEventListener("drop", function (event) {
      event.preventDefault();
      const dragged = document.querySelector('#ranking li[data-id="' + CSS.escape(event.dataTransfer.getData("text/plain")) + '"]');
      if (dragged && dragged !== item) {
        const before = dragged.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_FOLLOWING ? item.nextSibling : item;
        item.parentNode.insertBefore(dragged, before);
        announce(dragged);
        ranked();
      }
    });
    return item;
  }
  function move(item, step) {
    const list = item.parentNode;
    const items = Array.from(list.children);
    const index = items.indexOf(item) + step;
    if (index < 0 || index >= items.length) return;
    list.insertBefore(item, step < 0 ? items[index] : items[index].nextSibling);
    item.querySelectorAll("button")[step < 0 ? 0 : 1].focus();
    announce(item);
    ranked();
  }
  function announce(item) {
    const position = Array.prototype.indexOf.call(item.parentNode.children, item) + 1;
    say(W.moved.replace("{label}", item.querySelector(".label").textContent).replace("{position}", String(position)));
  }
  // Each motivation's place, shown beside it: "1.", "2.", ...
  function renumber() {
    const list = document.getElementById("ranking");
    if (!list) return;
    Array.prototype.forEach.call(list.children, function (item, index) { item.querySelector(".position").textContent = (index + 1) + "."; });
  }
  function ranked() { document.getElementById("ranked").checked = true; changed(); }

  function listEditor(name, legend, addLabel, make) {
    const list = el("ul", { id: name, class: "items" });
    const add = el("button", { type: "button", id: "add-" + name, text: addLabel, on: { click: function () {
      const item = make({});
      list.append(item);
      item.querySelector("input, textarea").focus();
      changed();
    } } });
    return el("fieldset", { class: "list" }, [el("legend", { text: legend }), list, add]);
  }
  function removeButton(item, label) {
    return el("button", { type: "button", class: "link", text: W.remove, "aria-label": W.remove + ": " + label, on: { click: function () {
      item.remove();
      changed();
    } } });
  }
  function optionItem(option) {
    const n = id("option");
    const item = el("li", {});
    const text = input("text", "option-text", { value: option.text || "", id: n, "aria-label": W.option });
    const chosen = input("checkbox", "option-chosen", { checked: !!option.chosen });
    item.append(text, el("label", {}, [chosen, document.createTextNode(" " + W.chosen)]), removeButton(item, W.option));
    return item;
  }
  function actionItem(action) {
    const item = el("li", { "data-id": action.id || "", "data-agreed": action.agreed || "" });
    const text = input("text", "action-text", { value: action.text || "", "aria-label": W.action });
    const owner = el("select", { name: "action-owner", "aria-label": W.owner }, ["employee", "manager"].map(function (o) {
      return el("option", { value: o, text: W["owner_" + o], selected: action.owner === o });
    }));
    const due = input("date", "action-due", { value: action.due || "", "aria-label": W.due });
    const status = el("select", { name: "action-status", "aria-label": W.status }, ["open", "done", "dropped"].map(function (s) {
      return el("option", { value: s, text: W["status_" + s], selected: (action.status || "open") === s });
    }));
    item.append(text, owner, due, status, removeButton(item, W.action));
    if (action.id) item.append(el("span", { class: "hint", text: W.carried }));
    return item;
  }
  function noteItem(note) {
    const item = el("li", {});
    item.append(
      el("textarea", { name: "note-text", rows: 2, "aria-label": W.note, text: note.text || "" }),
      privateSwitch("/notes"),
      removeButton(item, W.note),
    );
    if (note.visibility === "private") { const box = item.querySelector("input[name=private]"); box.checked = true; box.setAttribute("aria-checked", "true"); }
    return item;
  }

  function grow(section) {
    const parts = [];
    for (const stage of section.stages) {
      const box = el("section", { class: "stage", "data-stage": stage.id }, [el("h3", { text: stage.title })]);
      if (stage.purpose) box.append(el("p", { class: "purpose", text: stage.purpose }));
      for (const q of stage.questions) box.append(question(q));
      if (stage.id === "goal") {
        box.append(
          field(W.goal_statement, input("text", "goal-statement"), "/grow/goal/statement"),
          field(W.goal_success, input("text", "goal-success"), "/grow/goal/success"),
          field(W.goal_by, input("date", "goal-by"), "/grow/goal/by"),
        );
      } else if (stage.id === "reality") {
        box.append(
          field(W.reality_current, input("text", "reality-current"), "/grow/reality/current"),
          field(W.reality_obstacles, el("textarea", { name: "reality-obstacles", rows: 3 }), "/grow/reality/obstacles", W.one_per_line),
        );
      } else if (stage.id === "options") {
        box.append(listEditor("grow-options", W.options, W.add_option, optionItem));
      } else {
        box.append(listEditor("grow-will", W.actions, W.add_action, actionItem));
      }
      parts.push(box);
    }
    return parts;
  }

  // The sections, and the notes: everything of the record but its people and date. ``build`` makes them
  // anew when the page is emptied.
  function build() {
    while (form.lastChild && form.lastChild.id !== "people") form.lastChild.remove();
    data.sections.forEach(function (section, index) {
      const box = el("section", { class: "section", id: "section-" + section.id, tabindex: "-1", "data-section": section.id, "aria-labelledby": "title-" + section.id }, [
        el("h2", { id: "title-" + section.id, text: (index + 1) + ". " + section.title }),
      ]);
      if (section.duration_minutes) box.append(el("p", { class: "timebox", text: W.timebox.replace("{n}", section.duration_minutes) }));
      if (section.purpose) box.append(el("p", { class: "purpose", text: section.purpose }));
      if (section.kind === "motivations") box.append(ranking(section));
      else if (section.kind === "grow") box.append.apply(box, grow(section));
      else for (const q of section.questions) box.append(question(q));
      form.append(box);
    });
    form.append(el("section", { class: "section", id: "record-notes", tabindex: "-1", "aria-labelledby": "title-record-notes" }, [
      el("h2", { id: "title-record-notes", text: W.notes_title }),
      listEditor("notes", W.notes_title, W.add_note, noteItem),
    ]));
    for (const action of data.carried) document.getElementById("grow-will") && document.getElementById("grow-will").append(actionItem(action));
  }

  // The sections as links, near the top, each with how many of its questions are answered; the last link
  // goes to the save buttons.
  function contents() {
    const list = document.querySelector("#contents ol");
    const entries = [["people", W.conversation, null]];
    data.sections.forEach(function (section, index) { entries.push(["section-" + section.id, (index + 1) + ". " + section.title, section.id]); });
    entries.push(["record-notes", W.notes_title, null], ["save-controls", W.to_save, null]);
    for (const [target, text, counted] of entries) {
      list.append(el("li", {}, [
        el("a", { href: "#" + target, text: text }),
        counted ? el("span", { class: "count", "data-count-for": counted }) : null,
      ]));
    }
  }
  // The questions answered (text that is not blank, or a value: careerconv's own measure), of each section
  // and of the whole record, and the required ones; shown as the page changes.
  function progress(record) {
    const answers = record.answers || {};
    const all = { answered: 0, total: 0 };
    const required = { answered: 0, total: 0 };
    for (const section of data.sections) {
      const asked = section.questions.concat.apply(section.questions, section.stages.map(function (stage) { return stage.questions; }));
      const done = asked.filter(function (q) { return q.id in answers; });
      all.answered += done.length;
      all.total += asked.length;
      required.answered += done.filter(function (q) { return q.required; }).length;
      required.total += asked.filter(function (q) { return q.required; }).length;
      const count = document.querySelector('[data-count-for="' + CSS.escape(section.id) + '"]');
      if (count && asked.length) count.textContent = " (" + W.section_progress.replace("{answered}", done.length).replace("{total}", asked.length) + ")";
    }
    const parts = [];
    if (required.total) parts.push(W.progress_required.replace("{answered}", required.answered).replace("{total}", required.total));
    parts.push(W.progress.replace("{answered}", all.answered).replace("{total}", all.total));
    document.getElementById("progress").textContent = parts.join(" · ");
  }
  function refresh() { renumber(); progress(collect(false)); }

  // -- the record: collected from the fields, and put back into them (drafts) ---------------------------

  function value(name) { const node = form.querySelector('[name="' + name + '"]'); return node ? node.value.trim() : ""; }
  function setValue(name, text) { const node = form.querySelector('[name="' + name + '"]'); if (node && text !== undefined && text !== null) node.value = text; }
  function put(target, key, text) { if (text !== "" && text !== undefined) target[key] = text; }

  // The record the page holds. ``saving``: the record to save, its id and its new actions' ids as careerconv
  // gives them; otherwise the record as a draft keeps it (an id only when one was typed, new actions without
  // one), so the ids follow the employee and the date until the record is saved.
  function collect(saving) {
    const record = { kind: "conversation", schema_version: data.schema_version };
    const employee = value("employee-id");
    const date = value("date");
    if (value("record-id") || saving) record.id = value("record-id") || defaultRecordId(date, employee);
    record.template = { name: data.template.name, version: data.template.version, locale: data.template.locale };
    put(record, "date", date);
    record.employee = {};
    put(record.employee, "id", employee);
    put(record.employee, "name", value("employee-name"));
    put(record.employee, "team", value("employee-team"));
    if (value("manager-id")) {
      record.manager = { id: value("manager-id") };
      put(record.manager, "name", value("manager-name"));
    }
    if (Object.keys(data.params).length) record.params = Object.assign({}, data.params);
    const answers = {};
    for (const box of form.querySelectorAll("[data-question]")) {
      const qid = box.dataset.question;
      const q = questions[qid];
      const answer = {};
      const text = box.querySelector('[name="text-' + qid + '"]').value;
      if (text.trim()) answer.text = text;
      const chosen = controlOf(q).read(box, q);
      if (chosen !== undefined) answer.value = chosen;
      if (box.querySelector("input[name=private]").checked) answer.visibility = "private";
      if ("text" in answer || "value" in answer) answers[qid] = answer;
    }
    if (Object.keys(answers).length) record.answers = answers;
    const list = document.getElementById("ranking");
    if (list) {
      const motivations = {};
      if (document.getElementById("ranked").checked) motivations.ranking = Array.from(list.children).map(function (li) { return li.dataset.id; });
      put(motivations, "notes", value("ranking-notes"));
      if (Object.keys(motivations).length) record.motivations = motivations;
    }
    if (document.getElementById("grow-will")) {
      const plan = {};
      const goal = {};
      put(goal, "statement", value("goal-statement"));
      put(goal, "success", value("goal-success"));
      put(goal, "by", value("goal-by"));
      if (Object.keys(goal).length) plan.goal = goal;
      const reality = {};
      put(reality, "current", value("reality-current"));
      const obstacles = value("reality-obstacles").split("\n").map(function (line) { return line.trim(); }).filter(Boolean);
      if (obstacles.length) reality.obstacles = obstacles;
      if (Object.keys(reality).length) plan.reality = reality;
      const options = [];
      for (const item of document.querySelectorAll("#grow-options li")) {
        const text = item.querySelector("[name=option-text]").value.trim();
        const option = { text: text };
        if (item.querySelector("[name=option-chosen]").checked) option.chosen = true;
        if (text || option.chosen) options.push(option);
      }
      if (options.length) plan.options = options;
      const will = [];
      const items = document.querySelectorAll("#grow-will li");
      const taken = new Set(Array.prototype.map.call(items, function (item) { return item.dataset.id; }));
      const defaults = data.schema.$defs && data.schema.$defs.Action ? data.schema.$defs.Action.properties : {};
      for (const item of items) {
        const action = {};
        const text = item.querySelector("[name=action-text]").value.trim();
        const due = item.querySelector("[name=action-due]").value;
        if (!text && !due && !item.dataset.id) continue;
        // An action agreed here: numbered in the record as a Session numbers it (RECORD-a1, RECORD-a2, ...;
        // careerconv.model.new_action_id), agreed on the record's day.
        const fresh = saving && !item.dataset.id ? newActionId(record.id, taken) : "";
        put(action, "id", item.dataset.id || fresh);
        action.text = text;
        action.owner = item.querySelector("[name=action-owner]").value;
        put(action, "due", due);
        action.status = item.querySelector("[name=action-status]").value;
        put(action, "agreed", item.dataset.agreed || (fresh ? date : ""));
        for (const key of Object.keys(action)) {  // a field at its default is left out, as careerconv writes it
          if (defaults[key] && "default" in defaults[key] && defaults[key].default === action[key]) delete action[key];
        }
        will.push(action);
      }
      if (will.length) plan.will = will;
      if (Object.keys(plan).length) record.grow = plan;
    }
    const notes = [];
    for (const item of document.querySelectorAll("#notes li")) {
      const text = item.querySelector("[name=note-text]").value;
      if (!text.trim()) continue;
      const note = { text: text };
      if (item.querySelector("input[name=private]").checked) note.visibility = "private";
      notes.push(note);
    }
    if (notes.length) record.notes = notes;
    return record;
  }

  function newActionId(recordId, taken) {
    let number = 1;
    while (taken.has(recordId + "-a" + number)) number += 1;
    taken.add(recordId + "-a" + number);
    return recordId + "-a" + number;
  }

  function restore(record) {
    setValue("employee-id", record.employee && record.employee.id);
    setValue("employee-name", record.employee && record.employee.name);
    setValue("employee-team", record.employee && record.employee.team);
    setValue("manager-id", record.manager && record.manager.id);
    setValue("manager-name", record.manager && record.manager.name);
    setValue("date", record.date);
    setValue("record-id", record.id);
    for (const [qid, answer] of Object.entries(record.answers || {})) {
      const box = form.querySelector('[data-question="' + CSS.escape(qid) + '"]');
      if (!box) continue;
      box.querySelector('[name="text-' + qid + '"]').value = answer.text || "";
      controlOf(questions[qid]).show(box, questions[qid], answer.value);
      const box2 = box.querySelector("input[name=private]");
      box2.checked = answer.visibility === "private";
      box2.setAttribute("aria-checked", String(box2.checked));
    }
    const list = document.getElementById("ranking");
    if (list && record.motivations) {
      for (const mid of record.motivations.ranking || []) {
        const item = list.querySelector('li[data-id="' + CSS.escape(mid) + '"]');
        if (item) list.append(item);
      }
      document.getElementById("ranked").checked = !!(record.motivations.ranking || []).length;
      setValue("ranking-notes", record.motivations.notes);
    }
    const plan = record.grow;
    if (plan && document.getElementById("grow-will")) {
      setValue("goal-statement", plan.goal && plan.goal.statement);
      setValue("goal-success", plan.goal && plan.goal.success);
      setValue("goal-by", plan.goal && plan.goal.by);
      setValue("reality-current", plan.reality && plan.reality.current);
      setValue("reality-obstacles", plan.reality && (plan.reality.obstacles || []).join("\n"));
      document.getElementById("grow-options").replaceChildren.apply(document.getElementById("grow-options"), (plan.options || []).map(optionItem));
      document.getElementById("grow-will").replaceChildren.apply(document.getElementById("grow-will"), (plan.will || []).map(actionItem));
    }
    document.getElementById("notes").replaceChildren.apply(document.getElementById("notes"), (record.notes || []).map(noteItem));
  }

  // -- checking against the JSON Schema ------------------------------------------------------------------

  function without(object, key) { const copy = Object.assign({}, object); delete copy[key]; return copy; }
  function typeOf(value) {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value;
  }
  function check(schema, value, path, root, errors) {
    if (schema === false) { errors.push({ path: path, key: "false" }); return; }
    if (schema.$ref) {  // as in JSON Schema 2020-12: the definition and the keywords beside the $ref both apply
      check(root.$defs[schema.$ref.split("/").pop()], value, path, root, errors);
      schema = without(schema, "$ref");
    }
    const type = typeOf(value);
    if (schema.type !== undefined) {
      const types = [].concat(schema.type);
      if (!types.includes(type) && !(type === "integer" && types.includes("number"))) { errors.push({ path: path, key: "type" }); return; }
    }
    if ("const" in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) errors.push({ path: path, key: "const" });
    if (schema.enum && !schema.enum.some(function (e) { return JSON.stringify(e) === JSON.stringify(value); })) errors.push({ path: path, key: "enum" });
    if (type === "string") {
      if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) errors.push({ path: path, key: "pattern" });
    }
    if (type === "integer" || type === "number") {
      if (schema.minimum !== undefined && value < schema.minimum) errors.push({ path: path, key: "minimum" });
      if (schema.maximum !== undefined && value > schema.maximum) errors.push({ path: path, key: "maximum" });
    }
    if (type === "array") {
      if (schema.minItems !== undefined && value.length < schema.minItems) errors.push({ path: path, key: "minItems" });
      if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push({ path: path, key: "maxItems" });
      if (schema.uniqueItems && new Set(value.map(function (v) { return JSON.stringify(v); })).size !== value.length) errors.push({ path: path, key: "uniqueItems" });
      if (schema.items) value.forEach(function (item, i) { check(schema.items, item, path + "/" + i, root, errors); });
    }
    if (type === "object") {
      for (const key of schema.required || []) if (!(key in value)) errors.push({ path: path + "/" + key, key: "required" });
      for (const [key, item] of Object.entries(value)) {
        if (schema.properties && key in schema.properties) check(schema.properties[key], item, path + "/" + key, root, errors);
        else if (schema.additionalProperties === false) errors.push({ path: path + "/" + key, key: "additional" });
        else if (schema.additionalProperties) check(schema.additionalProperties, item, path + "/" + key, root, errors);
        if (schema.propertyNames) check(schema.propertyNames, key, path + "/" + key, root, errors);
      }
    }
    for (const part of schema.allOf || []) check(part, value, path, root, errors);
    for (const [key, parts] of [["anyOf", schema.anyOf], ["oneOf", schema.oneOf]]) {
      if (!parts) continue;
      const results = parts.map(function (part) { const found = []; check(part, value, path, root, found); return found; });
      const passing = results.filter(function (found) { return !found.length; }).length;
      if (key === "anyOf" ? passing === 0 : passing !== 1) {
        const closest = results.filter(function (found) { return found.length; }).sort(function (a, b) { return depth(b) - depth(a) || a.length - b.length; })[0];
        if (closest && depth(closest) > path.split("/").length) errors.push.apply(errors, closest);
        else errors.push({ path: path, key: key });
      }
    }
    if (schema.not) { const found = []; check(schema.not, value, path, root, found); if (!found.length) errors.push({ path: path, key: "not" }); }
  }
  function depth(found) { return Math.max.apply(null, found.map(function (e) { return e.path.split("/").length; })); }

  function showErrors(errors) {
    for (const node of form.querySelectorAll("[data-error-for]")) { node.hidden = true; node.textContent = ""; }
    for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
    const summary = document.getElementById("problems");
    summary.replaceChildren();
    const seen = new Set();
    for (const error of errors) {
      const message = W["error_" + error.key] || W.error_other;
      let place = null;
      let path = error.path;
      while (path && !place) {
        place = form.querySelector('[data-error-for="' + CSS.escape(path) + '"]');
        if (!place) path = path.slice(0, path.lastIndexOf("/"));
      }
      if (!place || seen.has(path)) continue;
      seen.add(path);
      place.hidden = false;
      place.textContent = message;
      const control = form.querySelector('[data-path="' + CSS.escape(path) + '"]') || place.closest("fieldset, div");
      if (control) control.setAttribute("aria-invalid", "true");
      const target = control && control.id ? control.id : null;
      const words = control ? labelFor(control) + ": " + message : message;
      const entry = el("li", {}, [target ? el("a", { href: "#" + target, text: words }) : document.createTextNode(words)]);
      summary.append(entry);
    }
    const box = document.getElementById("problems-box");
    box.hidden = !summary.children.length;
    if (summary.children.length) box.focus();
    return summary.children.length;
  }
  function labelFor(control) {
    const label = control.id ? form.querySelector('label[for="' + CSS.escape(control.id) + '"]') : null;
    const legend = control.closest("fieldset") && control.closest("fieldset").querySelector("legend");
    return (label || legend || { textContent: "" }).textContent.replace(/ \*$/, "");
  }

  // -- saving ----------------------------------------------------------------------------------------------

  // YAML as careerconv's own writer lays it out, by the same rules (yaml.js, loaded before this script).
  const yamlWriter = careerconvYaml(data.yaml.rules, data.yaml.escapes);

  function save(format) {
    const record = collect(true);
    const complete = document.getElementById("complete").checked;
    const errors = [];
    check(complete ? data.complete_schema : data.schema, record, "", complete ? data.complete_schema : data.schema, errors);
    if (showErrors(errors)) { status(W.not_saved); return; }
    const text = format === "json" ? JSON.stringify(record, null, 2) + "\n" : "# " + W.saved_by + "\n" + yamlWriter.dump(record, data.schema, { "/answers": order });
    const blob = new Blob([text], { type: format === "json" ? "application/json" : "application/yaml" });
    const link = el("a", { href: URL.createObjectURL(blob), download: (record.id || "record") + "." + format });
    document.body.append(link);
    link.click();
    link.remove();
    // Saved: the record is in the file now, so its draft goes (what is typed after this makes a new one).
    window.clearTimeout(timer);
    timer = null;
    forget(owned);
    forget(draftKey());
    owned = null;
    status(W.saved.replace("{file}", link.download));
  }
  // A message shown at the save buttons, and read out (role="status").
  function status(message) { document.getElementById("status").textContent = message; }

  // -- drafts ----------------------------------------------------------------------------------------------
  // One draft for each employee and record, in this browser's local storage, under the template's name,
  // version and locale, the employee's id and the record's id. A draft is written once the employee is known;
  // it fills a page only under exactly its own key, and leaves the page when the employee changes; saving
  // the record or "Discard draft" removes it.

  const IDENTITY = ["employee-id", "date", "record-id"];  // what the key is made of, with the template
  let owned = null;  // the key of the draft that holds this page: written by it, or restored into it
  let restoredFor = null;  // the employee whose stored draft fills the page
  let timer = null;
  let opened = "";  // what the page holds, beyond its people and date, as it opens: a page with only that is empty

  function draftKey() {
    const employee = value("employee-id");
    if (!employee) return null;
    const recordId = value("record-id") || defaultRecordId(value("date"), employee);
    return "careerconv-form:" + JSON.stringify([data.template.name, data.template.version, data.template.locale, employee, recordId]);
  }
  function stored(key) {
    try { return key ? window.localStorage.getItem(key) : null; } catch (error) { return null; }  // storage off
  }
  function forget(key) {
    try { if (key) window.localStorage.removeItem(key); } catch (error) { /* storage off: nothing kept */ }
  }
  function content(record) { return JSON.stringify([record.answers, record.motivations, record.grow, record.notes]); }
  function empty() { return content(collect(false)) === opened; }

  function writeDraft() {
    window.clearTimeout(timer);
    timer = null;
    const key = draftKey();
    if (owned !== null && owned !== key) { forget(owned); owned = null; }  // the draft follows its record's key
    if (key === null || (owned === null && empty())) return;
    if (owned !== key && stored(key) !== null) return;  // another page's draft of this record is left alone
    try {
      window.localStorage.setItem(key, JSON.stringify(collect(false)));
      owned = key;
    } catch (error) { /* storage off or full: no draft */ }
  }
  function changed() {
    refresh();
    window.clearTimeout(timer);
    timer = window.setTimeout(writeDraft, 150);
  }

  // The employee, the date or the record id changed; ``committed``: the field was left (a change event).
  function identityChanged(committed) {
    if (restoredFor !== null && value("employee-id") !== restoredFor) {
      // The page holds another employee's draft: it goes from the page (and stays where it was kept).
      window.clearTimeout(timer);
      timer = null;
      owned = null;
      restoredFor = null;
      emptyPage(true);
    }
    const key = draftKey();
    if (!committed || key === null || key === owned) return false;
    const draft = stored(key);
    if (draft === null) return false;
    if (empty()) { restoreDraft(key, draft); return true; }
    forget(owned);
    owned = key;  // what this page holds is this record's draft from now on
    return false;
  }
  function restoreDraft(key, text) {
    let record;
    try { record = JSON.parse(text); } catch (error) { return; }  // a draft that cannot be read is left alone
    window.clearTimeout(timer);  // a write put off while the id was typed would overwrite the draft restored
    timer = null;
    restore(record);
    owned = key;
    restoredFor = value("employee-id");
    const notice = document.getElementById("draft");
    notice.textContent = W.draft.replace("{employee}", restoredFor);
    notice.hidden = false;
    say(W.draft_restored);
    refresh();
  }
  // The page as it opened; ``keepEmployee``: but for the employee's id being typed.
  function emptyPage(keepEmployee) {
    for (const [name, text] of Object.entries(opening)) if (!(keepEmployee && name === "employee-id")) setValue(name, text);
    build();
    document.getElementById("draft").hidden = true;
    refresh();
  }
  function discard() {
    window.clearTimeout(timer);
    timer = null;
    forget(owned);
    forget(draftKey());
    owned = null;
    restoredFor = null;
    emptyPage(false);
    status(W.discarded);
  }

  form.append(people());
  build();
  contents();
  opened = content(collect(false));
  // A draft of an earlier form, kept under the template alone, could be anyone's: it is removed, never shown.
  forget("careerconv-form:" + data.template.name + "@" + data.template.version + ":" + data.template.locale);
  const key = draftKey();  // known when the page was made from the employee's last record
  if (key !== null && stored(key) !== null) restoreDraft(key, stored(key));
  refresh();
  function edited(event, committed) {
    // A draft just restored is kept as it was: the restoring is not an edit, so nothing is written back.
    const restored = IDENTITY.includes(event.target.name) && identityChanged(committed);
    status("");
    if (restored) refresh();
    else changed();
  }
  form.addEventListener("input", function (event) { edited(event, false); });
  form.addEventListener("change", function (event) { edited(event, true); });
  // The links to the sections and to the save buttons move the keyboard's focus there too.
  document.addEventListener("click", function (event) {
    const link = event.target.closest ? event.target.closest("#contents a, a.skip") : null;
    if (!link) return;
    const id = link.getAttribute("href").slice(1);
    const target = id === "save-controls" ? document.getElementById("save-yaml") : document.getElementById(id);
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: id === "save-controls" ? "nearest" : "start" });
    target.focus({ preventScroll: true });
  });
  document.getElementById("save-yaml").addEventListener("click", function () { save("yaml"); });
  document.getElementById("save-json").addEventListener("click", function () { save("json"); });
  document.getElementById("discard").addEventListener("click", discard);
  window.addEventListener("pagehide", function () { if (timer !== null) writeDraft(); });  // the last keys typed
})();
