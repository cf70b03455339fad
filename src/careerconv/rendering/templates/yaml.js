// careerconv's YAML writer, for the fill-in form: a record written as careerconv's own writer lays it out
// (careerconv/formats/emitter.py), by the same rules. The rules are careerconv's, handed in as data (the
// patterns of emitter.RULES and the short escapes of emitter.ESCAPES), so a text is plain, quoted or a
// literal block here exactly when it is in Python. Lines are not folded: a long line stays one line.
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

  function dump(record) {
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
      if (typeof value !== "string") { write(" " + String(value) + "\n"); return; }
      if (style(value) === "|") { write(" "); literal(value, indent); return; }
      write(" " + inline(value) + "\n");
    }
    function node(value, indent, valueIndent, dashed) {
      if (Array.isArray(value)) {
        if (!value.length) write(" []\n");
        else { write("\n"); sequence(value, indent); }
      } else if (value !== null && typeof value === "object") {
        if (!Object.keys(value).length) write(" {}\n");
        else { write(dashed ? "" : "\n"); mapping(value, valueIndent, dashed); }
      } else {
        scalar(value, valueIndent);
      }
    }
    // A block mapping, keys at ``indent``; ``dashed``: the first key follows a sequence's dash.
    function mapping(value, indent, dashed) {
      let first = dashed;
      for (const [key, item] of Object.entries(value)) {
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
        if (item !== null && typeof item === "object" && !Array.isArray(item) && Object.keys(item).length) {
          mapping(item, indent + 4, true);
        } else {
          node(item, indent, indent + 4, false);
        }
      }
    }
    mapping(record, 0, false);
    if (openEnded) out.push("...\n");
    return out.join("");
  }

  return { style: style, inline: inline, dump: dump };
}
