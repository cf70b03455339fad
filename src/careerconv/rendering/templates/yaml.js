// careerconv's YAML writer, for the fill-in form: a record written as careerconv's own writer lays it out
// (careerconv/formats/emitter.py), by the same rules. The rules are careerconv's, handed in as data (the
// patterns of emitter.RULES and the short escapes of emitter.ESCAPES), so a text is plain, quoted or a
// literal block here exactly when it is in Python. Lines are not folded: a long line stays one line. Given the
// record's JSON Schema (careerconv.json_schema), a date is written as careerconv writes one: plain, 2026-11-26.
// Loaded by the form page before its own script; tests run it in Node.js against the Python writer.
// eslint-disable-next-line no-unused-vars
function careerconvYaml(rules, escapes) {
  "use strict";
  const implicit = new RegExp("^(?:" + rules.implicit + ")$", "u");
  const quotable = new RegExp("^[" + rules.printable + "]*$", "u");
  const notPlain = new RegExp(rules.not_plain, "u");
  const otherBreaks = new RegExp(rules.other_breaks, "u");
  const notLiteral = new RegExp(rules.not_literal, "u");
  const mustEscape = new RegExp("^(?:" + rules.escape + ")$", "u");
  const MAX_KEY = 128;  // a longer key is written as an explicit key: "? key" and ": value"

  // How a text is written: "" plain, "'" or '"' quoted, "|" a literal block (emitter.style).
  function style(text) {
    if (otherBreaks.test(text)) return '"';
    if (text.includes("\n")) return notLiteral.test(text) ? '"' : "|";
    if (!quotable.test(text)) return '"';
    if (text && !notPlain.test(text) && !implicit.test(text)) return "";
    return text.includes("'") ? '"' : "'";
  }
  function hex(code, width) { return code.toString(16).toUpperCase().padStart(width, "0"); }
  function escaped(text) {
    let out = "";
    for (const char of text) {
      if (!mustEscape.test(char)) { out += char; continue; }
      const code = char.codePointAt(0);
      if (Object.prototype.hasOwnProperty.call(escapes, char)) out += "\\" + escapes[char];
      else if (code <= 0xff) out += "\\x" + hex(code, 2);
      else if (code <= 0xffff) out += "\\u" + hex(code, 4);
      else out += "\\U" + hex(code, 8);
    }
    return out;
  }
  // A text on one line (emitter.inline): plain, single-quoted, or double-quoted with escapes.
  function inline(text) {
    const how = style(text);
    if (how === "") return text;
    if (how === "'") return "'" + text + "'";
    return '"' + escaped(text) + '"';
  }

  // -- the record as careerconv's model holds it ----------------------------------------------------------
  // In JSON a date is a text, and a JavaScript object puts the keys that read as whole numbers ("123") first.
  // careerconv's JSON Schema of the record, derived from its model, says where the record holds a date and in
  // which order the fields of a mapping come (an action's id first, ...); the order of keys that are the
  // template's ids (a record's answers: the template's order) is given as lists, a JavaScript object's own
  // order being no order for them.

  const DAY = /^\d{4}-\d{2}-\d{2}$/u;
  function Day(text) { this.text = text; }  // a date, written plain as the emitter writes a datetime.date
  function Pairs(pairs) { this.pairs = pairs; }  // a mapping, its [key, value] pairs in order

  // A schema with its $ref looked up: the definition, with the keywords given beside the $ref (a question's
  // own answer properties) over its own.
  function resolve(schema, root) {
    if (!schema || typeof schema !== "object") return {};
    if (!schema.$ref) return schema;
    const base = resolve(root.$defs[schema.$ref.split("/").pop()], root);
    const merged = Object.assign({}, base, schema);
    delete merged.$ref;
    if (base.properties && schema.properties) merged.properties = Object.assign({}, base.properties, schema.properties);
    return merged;
  }
  function branches(schema, root) {
    return [].concat(schema.anyOf || [], schema.oneOf || []).map(function (branch) { return resolve(branch, root); });
  }
  // A date where the schema allows a text only as a date ("format": "date").
  function dateOnly(schema, root) {
    if (schema.format === "date") return true;
    const texts = branches(schema, root).filter(function (b) {
      return b.format === "date" || (b.type !== undefined && [].concat(b.type).includes("string"));
    });
    return texts.length > 0 && texts.every(function (b) { return b.format === "date"; });
  }
  // The declared fields of a mapping, in order, through anyOf and oneOf.
  function fields(schema, root) {
    if (schema.properties) return Object.keys(schema.properties);
    for (const branch of branches(schema, root)) { const found = fields(branch, root); if (found.length) return found; }
    return [];
  }
  // The schema of a mapping's ``key``, or of a sequence's items (``key`` null), through anyOf and oneOf.
  function part(schema, key, root) {
    const found = key === null ? schema.items : (schema.properties && schema.properties[key]) ||
      (typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined);
    if (found) return resolve(found, root);
    for (const branch of branches(schema, root)) {
      const inner = part(branch, key, root);
      if (Object.keys(inner).length) return inner;
    }
    return {};
  }
  // Plain data as the writer takes it: mappings as Pairs, in the order ``orders`` gives for their path
  // ("/answers") or else in the schema's, and dates as Day.
  function shaped(value, schema, root, path, orders) {
    if (typeof value === "string") return DAY.test(value) && dateOnly(schema, root) ? new Day(value) : value;
    if (Array.isArray(value)) {
      return value.map(function (item) { return shaped(item, part(schema, null, root), root, path + "/*", orders); });
    }
    if (value === null || typeof value !== "object") return value;
    const known = Object.prototype.hasOwnProperty.call(orders, path) ? orders[path] : fields(schema, root);
    const order = known.filter(function (key) { return Object.prototype.hasOwnProperty.call(value, key); });
    for (const key of Object.keys(value)) if (!order.includes(key)) order.push(key);
    return new Pairs(order.map(function (key) {
      return [key, shaped(value[key], part(schema, key, root), root, path + "/" + key, orders)];
    }));
  }

  // The record as YAML. ``schema``, its JSON Schema (careerconv.json_schema), tells its dates and the order of
  // its fields; ``orders`` the order of the keys of a mapping by its path, such as {"/answers": [ids]}.
  function dump(record, schema, orders) {
    const root = schema || {};
    let openEnded = false;  // the document ends in a literal block that keeps its final line breaks
    const out = [];
    function write(text) { out.push(text); openEnded = false; }
    // A literal block, its lines at column ``indent`` (emitter._Writer.literal).
    function literal(text, indent) {
      const hint = " \n\t".includes(text[0]) ? "2" : "";
      let chomp = "";
      if (!text.endsWith("\n")) chomp = "-";
      else if (text.length === 1 || text[text.length - 2] === "\n") chomp = "+";
      write("|" + hint + chomp + "\n");
      const lines = text.match(/\n+|[^\n]+/g);
      for (const line of lines) write(line[0] === "\n" ? line : " ".repeat(indent) + line);
      if (lines[lines.length - 1][0] !== "\n") write("\n");
      openEnded = chomp === "+";
    }
    // A value after "key:" or a dash; ``indent`` is where a literal block's lines go.
    function scalar(value, indent) {
      if (value === null || value === undefined) { write("\n"); return; }
      if (value instanceof Day) { write(" " + value.text + "\n"); return; }
      if (typeof value !== "string") { write(" " + String(value) + "\n"); return; }
      if (style(value) === "|") { write(" "); literal(value, indent); return; }
      write(" " + inline(value) + "\n");
    }
    function node(value, indent, valueIndent, dashed) {
      if (Array.isArray(value)) {
        if (!value.length) write(" []\n");
        else { write("\n"); sequence(value, indent); }
      } else if (value instanceof Pairs) {
        if (!value.pairs.length) write(" {}\n");
        else { write(dashed ? "" : "\n"); mapping(value, valueIndent, dashed); }
      } else {
        scalar(value, valueIndent);
      }
    }
    // A block mapping, keys at ``indent``; ``dashed``: the first key follows a sequence's dash.
    function mapping(value, indent, dashed) {
      let first = dashed;
      for (const [key, item] of value.pairs) {
        const pad = first ? " " : " ".repeat(indent);
        first = false;
        const written = inline(key);
        if (written.length < MAX_KEY) write(pad + written + ":");
        else write(pad + "? " + written + "\n" + " ".repeat(indent) + ":");
        node(item, indent, indent + 2, false);
      }
    }
    // A block sequence under a key at ``indent``: each dash two spaces in, each item four.
    function sequence(items, indent) {
      for (const item of items) {
        write(" ".repeat(indent) + "  -");
        if (item instanceof Pairs && item.pairs.length) {
          mapping(item, indent + 4, true);
        } else {
          node(item, indent, indent + 4, false);
        }
      }
    }
    mapping(shaped(record, resolve(root, root), root, "", orders || {}), 0, false);
    if (openEnded) out.push("...\n");
    return out.join("");
  }

  return { style: style, inline: inline, dump: dump };
}
