/**
 * The rule set, generated from the diagnostic table: `compile-error` reports every error code;
 * each warning code is a rule named after it (`parfor/scalar-race`, ...), so a warning can be
 * silenced or escalated by its name. The hand-written rule files carry the descriptions; a
 * warning code added to the table later gets a rule here without one, so no code is dropped.
 */
import { diagnosticTable } from "../analysis.js";
import { diagnosticRule } from "../rule.js";
import compileError from "./compile-error.js";
import scalarRace from "./scalar-race.js";
import sharedElementRace from "./shared-element-race.js";
import reductionReadInLoop from "./reduction-read-in-loop.js";
import unrecognisedReduction from "./unrecognised-reduction.js";
const written = [compileError, scalarRace, sharedElementRace, reductionReadInLoop, unrecognisedReduction];
function build() {
    const rules = {};
    for (const r of written)
        rules[r.spec.name] = r;
    for (const d of diagnosticTable()) {
        if (d.category !== "warning" || rules[d.name])
            continue;
        rules[d.name] = diagnosticRule({ name: d.name, description: `Report ${d.code} (${d.name})`, codes: (code) => code === d.code, recommended: "warn" });
    }
    return rules;
}
export const rules = build();
/** The rules that have a hand-written file (and so must have a doc). */
export const writtenRules = written.map((r) => r.spec.name);
