/**
 * Base pointers of a fixed index: right after `const c = i*m + j*n + k`, for each array parameter
 * the rest of the block accesses at least twice at `c`, `c + d` or `c - d` (proven in bounds, on a
 * chunk's fast path), `base + (c << shift)` goes into a local once; each such access then adds
 * only `d << shift` to it (a 7-point stencil's `A[c - 1]`, `A[c + n]`, `A[c - m]`, ...: one add
 * each instead of forming c ± d and then base + (c ± d) * 8).
 *
 * The address is the same modulo 2^32: base + (c << s) + (d << s) = base + ((c + d) << s), and the
 * site is proven in bounds, so c + d is the exact index. It holds while c and the base do: c is a
 * `const` (never assigned), the array a parameter that is never rebound, and the local is set
 * where the declaration runs, which comes before every read of c in its block. Lane 1's scalar
 * code (vector.ts asLane1) reads other values of c, so it sees no pointers.
 */
import type { Expr, Stmt, Var } from "../model/ir.js";
import { forEachExprInStmts } from "../model/walk.js";
import { SHIFT } from "./access.js";
import type { FnLowerer } from "./fn.js";
import { ValType } from "./wasm/encoder.js";
import { Op } from "./wasm/opcodes.js";

/** Fewest accesses of one array at c ± d for a pointer to pay (it costs a register and an add). */
const LEAST_USES = 2;

/** How an index reads `v`: `v` (d null), `v + d` or `v - d`, or null. */
export function offsetFrom(ix: Expr, v: Var): { readonly d: Expr | null; readonly minus: boolean } | null {
  if (ix.k === "var" && ix.v === v) return { d: null, minus: false };
  if (ix.k !== "binary" || (ix.op !== "+" && ix.op !== "-")) return null;
  if (ix.l.k === "var" && ix.l.v === v) return { d: ix.r, minus: ix.op === "-" };
  if (ix.op === "+" && ix.r.k === "var" && ix.r.v === v) return { d: ix.l, minus: false };
  return null;
}

/**
 * Emits the pointers of `v` (just declared) for the accesses in `rest` (the statements after its
 * declaration in its block) and installs them in `L.basePointers`; returns what undoes that.
 */
export function emitBasePointers(L: FnLowerer, v: Var, rest: readonly Stmt[]): () => void {
  const none = (): void => {};
  if (L.check !== null || L.proven.size === 0 || !v.isConst || v.array || v.ty?.k !== "i32" || rest.length === 0) return none;
  const uses = new Map<Var, number>();
  let assigned = false;
  forEachExprInStmts(rest, (e) => {
    if ((e.k === "assign" || e.k === "update") && e.target === v) assigned = true;
    if (e.k !== "load" && e.k !== "store") return;
    const a = e.ref.array;
    if (a.kind !== "param" || a.alias || !L.proven.has(e.ref.site) || !L.arrays.has(a) || e.ref.index.ty?.k !== "i32") return;
    const off = offsetFrom(e.ref.index, v);
    if (off === null || (off.d !== null && off.d.ty?.k !== "i32")) return;
    uses.set(a, (uses.get(a) ?? 0) + 1);
  });
  if (assigned) return none;
  const fb = L.fb;
  const made: Var[] = [];
  for (const [a, n] of uses) {
    if (n < LEAST_USES || L.promoted.has(a)) continue;
    const p = fb.local(ValType.i32);
    const sh = SHIFT[a.array!];
    fb.localGet(L.arrays.get(a)!.base);
    L.getVar(v);
    if (sh) fb.i32Const(sh).op(Op.i32_shl);
    fb.op(Op.i32_add).localSet(p);
    let m = L.basePointers.get(a);
    if (m === undefined) L.basePointers.set(a, (m = new Map()));
    m.set(v, p);
    made.push(a);
  }
  return () => {
    for (const a of made) L.basePointers.get(a)?.delete(v);
  };
}

/** Runs `emit` with no base pointers visible (lane 1's scalar code). */
export function withoutPointers(L: FnLowerer, emit: () => void): void {
  const saved = L.basePointers;
  L.basePointers = new Map();
  try {
    emit();
  } finally {
    L.basePointers = saved;
  }
}
