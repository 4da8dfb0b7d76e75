/**
 * The frame: a block of shared memory per kernel through which the leader hands parameters and
 * live values to the loop functions every thread runs, and gets reductions back.
 *
 *   [ params: 8 bytes each (f64, or i32, or array address i32 + length i32) ]
 *   [ per parallel loop: start, step: 8 bytes each (i32, or f64 for a wide index); for a loop
 *     without reductions, the inline limit and marker: i32 each (LoopInfo.inlineOffset) ]
 *   [ one 8-byte slot per scalar that crosses into a loop (f64, or i32) ]
 */
import type { ParamSlot } from "../artifact.js";
import type { Kernel, PrangeStmt, Var } from "../model/ir.js";

export interface FrameLayout {
  readonly size: number;
  readonly params: readonly ParamSlot[];
  readonly loopStart: readonly number[];
  readonly loopStep: readonly number[];
  /** per parallel loop that may run inline (inlinable): its limit (i32) and, 4 bytes on, its marker (i32) */
  readonly loopInline: readonly (number | undefined)[];
  /** slot of each crossing scalar */
  readonly slots: ReadonlyMap<Var, number>;
  /** slot (address i32, then length i32) of each of the kernel's own arrays that a parallel prange uses */
  readonly arraySlots: ReadonlyMap<Var, number>;
  /** the arrays each parallel prange uses that have a slot, by prange id */
  readonly loopArrays: readonly (readonly Var[])[];
  /** where `main` leaves the length of the array it returns (i32), when it returns one */
  readonly returnLength: number | null;
}

/** Lays out the frame of `k` after type inference and loop analysis. */
export function layoutFrame(k: Kernel): FrameLayout {
  let off = 0;
  const params: ParamSlot[] = k.params.map((p) => {
    const at = off;
    off += 8;
    if (p.array) {
      // any access whose array may be this argument (analysis/points-to.ts: through array variables too)
      const written = accessed(k, p, true);
      // an argument the kernel may return is given an address of its own (the runtime finds the
      // returned argument by address), so one neither read nor written is copied in too
      const read = accessed(k, p, false) || (!written && pointsToOf(k).returned.some((o) => o.param === p));
      const overwrites = written ? overwriteOf(k, p) : null;
      return { name: p.name, kind: "array", array: p.array, offset: at, lengthOffset: at + 4, read, written, ...(overwrites ? { overwrites } : {}) };
    }
    return { name: p.name, kind: p.paramKind ?? "f", offset: at } as ParamSlot;
  });
  const loopStart: number[] = [];
  const loopStep: number[] = [];
  const loopInline: (number | undefined)[] = [];
  for (const p of k.pranges) {
    loopStart.push(off);
    loopStep.push(off + 8);
    off += 16;
    loopInline.push(inlinable(p) ? off : undefined);
    if (inlinable(p)) off += 8;
  }
  const slots = new Map<Var, number>();
  for (const l of k.pranges) {
    const m = l.model!;
    for (const v of [...m.liveIn, ...m.reductions.map((r) => r.v), ...m.shared]) {
      if (!slots.has(v)) {
        slots.set(v, off);
        off += 8;
      }
    }
  }
  const arraySlots = new Map<Var, number>();
  const loopArrays = k.pranges.map((l) => {
    const used = new Set<Var>();
    forEachExprInStmts(l.body, (e) => {
      const a = e.k === "load" || e.k === "store" || e.k === "updateElem" ? e.ref.array : e.k === "length" ? e.array : null;
      // the kernel's own arrays, and array parameters that are assigned (the frame's parameter slot keeps the argument)
      if (a && (a.kind === "local" || a.alias) && a.owner !== l) used.add(a);
    });
    for (const a of used) {
      if (!arraySlots.has(a)) {
        arraySlots.set(a, off);
        off += 8;
      }
    }
    return [...used];
  });
  const returnLength = k.returnArray ? off : null;
  if (returnLength !== null) off += 8;
  return { size: Math.max(8, off), params, loopStart, loopStep, loopInline, slots, arraySlots, loopArrays, returnLength };
}

import { forEachExprInStmts } from "../model/walk.js";
import { pointsToOf } from "../analysis/points-to.js";
import { overwriteOf } from "./overwrites.js";

/**
 * Whether `main` may run prange `p` as one call of its loop function when the runtime says the
 * loop is too small for the pool (LoopInfo.inlineOffset): no reductions (their bits depend on the
 * chunks, and the combine runs in the runtime). Without reductions, one call over all iterations
 * computes what the chunks in order compute.
 */
export function inlinable(p: PrangeStmt): boolean {
  const m = p.model!;
  return m.reductions.length === 0 && m.arrayReductions.length === 0 && m.partialBytes === 0;
}

/** Whether an access in `k` may write (or read) the argument of parameter `p`. */
function accessed(k: Kernel, p: Var, write: boolean): boolean {
  const pt = pointsToOf(k);
  let hit = false;
  forEachExprInStmts(k.body, (e) => {
    if (hit || !(e.k === "load" || e.k === "store" || e.k === "updateElem" || e.k === "atomic")) return;
    const writes = e.k === "store" || e.k === "updateElem" || (e.k === "atomic" && e.op !== "load");
    const reads = e.k === "load" || e.k === "updateElem" || e.k === "atomic" || (e.k === "store" && e.op !== "=");
    if (write ? !writes : !reads) return;
    if (pt.holds(e).some((o) => o.param === p)) hit = true;
  });
  return hit;
}
