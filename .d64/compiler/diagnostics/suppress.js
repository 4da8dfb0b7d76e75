/**
 * Comments that silence one warning, honoured by every front door that reads a file (`parfor
 * check`, the ESLint rules, the TypeScript plugin):
 *
 *   // parfor-ignore PF2001 the last value is not used        (the line before the finding)
 *   // eslint-disable-next-line parfor/scalar-race            (ESLint's own; the line before)
 *   x = i; // eslint-disable-line parfor/scalar-race          (ESLint's own; the same line)
 *
 * `parfor-ignore` takes codes or names (`PF2001`, `scalar-race`, `parfor/scalar-race`), several
 * separated by commas or spaces, then free text (the reason). An ESLint directive without rule
 * names silences every rule, as in ESLint. Errors are never silenced: the kernel fails at run
 * time whatever a comment says.
 */
const PARFOR = /(?:\/\/|\/\*)\s*parfor-ignore\b([^\n]*)/;
const NEXT_LINE = /(?:\/\/|\/\*)\s*eslint-disable-next-line\b([^\n]*)/;
const SAME_LINE = /(?:\/\/|\/\*)\s*eslint-disable-line\b([^\n]*)/;
function lineAround(text, offset) {
    const start = text.lastIndexOf("\n", offset - 1) + 1;
    const nl = text.indexOf("\n", offset);
    return { start, end: nl < 0 ? text.length : nl };
}
/** The rule list of an ESLint directive (`a, b -- why`); empty: all rules. */
function eslintRules(rest) {
    const list = rest.replace(/\*\/.*$/, "").split("--")[0].trim();
    return list === "" ? [] : list.split(",").map((s) => s.trim()).filter((s) => s !== "");
}
/** The codes and names a `parfor-ignore` comment lists (up to the first word that is neither). */
function ignored(rest) {
    const out = [];
    for (const w of rest.replace(/\*\/.*$/, "").trim().split(/[\s,]+/)) {
        if (/^PF\d{4}$/i.test(w))
            out.push(w.toUpperCase());
        else if (/^(parfor\/)?[a-z]+(-[a-z]+)+$/.test(w))
            out.push(w.replace(/^parfor\//, ""));
        else
            break;
    }
    return out;
}
/** Whether the warning `code` (`name`) that starts at `offset` of `text` is silenced by a comment. */
export function suppression(text, offset, code, name, category) {
    if (category === "error")
        return null;
    const line = lineAround(text, offset);
    const here = text.slice(line.start, line.end);
    const before = line.start > 0 ? text.slice(lineAround(text, line.start - 1).start, line.start - 1) : "";
    const p = PARFOR.exec(before);
    if (p && ignored(p[1]).some((x) => x === code || x === name))
        return "parfor";
    const rule = `parfor/${name}`;
    for (const m of [NEXT_LINE.exec(before), SAME_LINE.exec(here)]) {
        if (!m)
            continue;
        const rules = eslintRules(m[1]);
        if (rules.length === 0 || rules.includes(rule))
            return "eslint";
    }
    return null;
}
