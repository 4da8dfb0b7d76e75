/**
 * Which pairs of array parameters would race if they shared memory at run time. The runtime
 * (runtime/alias.ts) asks this only when a call passes overlapping arrays, once per kernel: for
 * every parallel prange that writes array P and accesses array Q, the accesses of both are
 * tested as accesses of one array. `identicalSafe` says whether P and Q may be the very same view
 * (same start and length); views at different offsets of one buffer are always a hazard.
 */
import { DiagnosticSink } from "../diagnostics/diagnostic.js";
import { parseKernel } from "../frontend/parse.js";
import { buildKernel } from "../model/build.js";
import { pointsToOf } from "./points-to.js";
import { collectAccesses, conflicts, stepOf } from "./dependence.js";
/** The hazards of `source`; null when its text cannot be analysed (e.g. a minified bundle). */
export function aliasHazards(source, globals) {
    const parsed = parseKernel(source);
    if (typeof parsed === "string")
        return null;
    const sink = new DiagnosticSink(parsed.locate);
    const k = buildKernel(parsed, sink, { globals });
    if (sink.hasErrors)
        return null;
    const textOf = (p) => parsed.sourceFile.text.slice(p.start, p.end);
    const out = new Map();
    const pt = pointsToOf(k);
    for (const loop of k.pranges) {
        const acc = collectAccesses(k, loop, textOf);
        // the parameters each access may touch: its own, or through an array variable those it may hold
        const touched = new Map();
        for (const a of acc.accesses)
            touched.set(a, pt.holds(a.pos).flatMap((o) => (o.param ? [o.param] : [])));
        const params = [...new Set([...touched.values()].flat())];
        for (const p of params) {
            if (!acc.accesses.some((a) => a.write && touched.get(a).includes(p)))
                continue;
            for (const q of params) {
                if (q === p)
                    continue;
                const pi = k.params.indexOf(p);
                const qi = k.params.indexOf(q);
                if (pi < 0 || qi < 0)
                    continue;
                // the accesses that may touch p or q, as accesses of p (same view): lengths coincide too
                const merged = acc.accesses
                    .filter((a) => touched.get(a).some((x) => x === p || x === q))
                    .map((a) => (a.array === p ? a : { ...a, array: p }));
                const safe = conflicts(merged, loop, stepOf(loop), acc.facts).every((c) => c.write.array === p && c.other.array === p && acc.accesses.includes(c.write) && acc.accesses.includes(c.other));
                const key = `${pi},${qi}`;
                const prev = out.get(key);
                out.set(key, { written: pi, other: qi, identicalSafe: safe && (prev?.identicalSafe ?? true) });
            }
        }
    }
    return [...out.values()];
}
