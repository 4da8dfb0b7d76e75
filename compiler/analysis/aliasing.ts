/**
 * Which pairs of array parameters would race if they shared memory at run time. The runtime
 * (runtime/alias.ts) asks this only when a call passes overlapping arrays, once per kernel: for
 * every parallel prange that writes array P and accesses array Q, the accesses of both are
 * tested as accesses of one array. `identicalSafe` says whether P and Q may be the very same view
 * (same start and length); views at different offsets of one buffer are always a hazard.
 */
import { DiagnosticSink } from "../diagnostics/diagnostic.js";
import { parseKernel } from "../frontend/parse.js";
import { buildKernel, type GlobalValue } from "../model/build.js";
import type { Pos } from "../model/ir.js";
import { type Access, collectAccesses, conflicts, stepOf } from "./dependence.js";

export interface AliasHazard {
  /** parameter positions: `written` is written in a prange that also accesses `other` */
  readonly written: number;
  readonly other: number;
  /** no cross-iteration dependence when both are the same view */
  readonly identicalSafe: boolean;
}

/** The hazards of `source`; null when its text cannot be analysed (e.g. a minified bundle). */
export function aliasHazards(source: string, globals?: Readonly<Record<string, GlobalValue>>): AliasHazard[] | null {
  const parsed = parseKernel(source);
  if (typeof parsed === "string") return null;
  const sink = new DiagnosticSink(parsed.locate);
  const k = buildKernel(parsed, sink, { globals });
  if (sink.hasErrors) return null;
  const textOf = (p: Pos): string => parsed.sourceFile.text.slice(p.start, p.end);
  const out = new Map<string, AliasHazard>();
  for (const loop of k.pranges) {
    const acc = collectAccesses(k, loop, textOf);
    const arrays = [...new Set(acc.accesses.map((a) => a.array))];
    for (const p of arrays) {
      if (!acc.accesses.some((a) => a.array === p && a.write)) continue;
      for (const q of arrays) {
        if (q === p) continue;
        const pi = k.params.indexOf(p);
        const qi = k.params.indexOf(q);
        if (pi < 0 || qi < 0) continue;
        // q's accesses as accesses of p (same view): lengths coincide too
        const merged: Access[] = acc.accesses
          .filter((a) => a.array === p || a.array === q)
          .map((a) => (a.array === q ? { ...a, array: p } : a));
        const safe = conflicts(merged, loop, stepOf(loop), acc.facts).every((c) => c.write.array === p && c.other.array === p && acc.accesses.includes(c.write) && acc.accesses.includes(c.other));
        const key = `${pi},${qi}`;
        const prev = out.get(key);
        out.set(key, { written: pi, other: qi, identicalSafe: safe && (prev?.identicalSafe ?? true) });
      }
    }
  }
  return [...out.values()];
}
