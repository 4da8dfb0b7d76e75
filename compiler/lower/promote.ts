/**
 * Elements kept in a local across an innermost loop (scalar replacement).
 *
 * PolyBench's `tmp[i * nj + j] += alpha * A[i * nk + k] * B[k * nj + j]` reads and writes one
 * element of `tmp` in every trip of the `k` loop, and each trip's load waits for the previous
 * trip's store (2mm: 37 ms at 1 thread; the same loop summing into a local, 5 ms). A loop may keep
 * such an element in a local, loaded once before it and stored once after, when doing so changes
 * nothing anyone can see:
 * - every access to the array in the loop is a load or a `=`/`+= -= *= /=` store of a
 *   Float64Array element at one index, the same integer arithmetic of variables the loop does
 *   not write (so one element, and the local holds exactly the double memory would);
 * - every access of the loop is on the chunk's fast path (L.proven: no access can trap, so the
 *   loop cannot stop between a store and the store back), there is no `break`, `continue` or
 *   `return` in it, no atomics and no checked mode;
 * - a store to the element is a statement of the loop's body itself, not under a condition, so
 *   it runs in every trip, and the element is loaded and stored back only when the loop runs at
 *   least one trip (its condition, free of effects, is tested first; a do-while always runs):
 *   then the plain loop accesses that element too, so it is in bounds (the fast path proves the
 *   accesses that run, not those a condition or an empty loop skips), and the store back adds no
 *   write another iteration could see that the plain loop does not make;
 * - the prange's race analysis reported nothing, so no other iteration touches the element
 *   while this one runs;
 * - at run time the array's memory overlaps no other array the loop accesses (tested on entry:
 *   otherwise the loop runs as written), so no other name reads or writes the element.
 * Only innermost loops (no loop or prange inside), so the code is at most doubled.
 */
import type { ElemRef, Expr, LoopStmt, Stmt, Var } from "../model/ir.js";
import { forEachExprInStmts, forEachStmt, visitExpr } from "../model/walk.js";
import type { FnLowerer } from "./fn.js";
import { AccessMode, emitAddress } from "./access.js";
import { loopWrites } from "./invariants.js";
import { andDisjoint } from "./vector.js";
import { emitCond } from "./expr.js";
import { exprEquals, isPure } from "../analysis/exprs.js";
import { COMPOUND } from "./vector-check.js";
import { ValType } from "./wasm/encoder.js";
import { Op } from "./wasm/opcodes.js";

/**
 * Whether `e` is integer arithmetic of constants, lengths and variables not in `written` (the same
 * value in every trip: one element when it indexes an array).
 */
function fixed(L: FnLowerer, e: Expr, written: ReadonlySet<Var>): boolean {
  let ok = true;
  visitExpr(e, (x) => {
    if (x.k === "var") ok &&= !written.has(x.v) && !L.memVars.has(x.v) && !x.v.array;
    else if (x.k === "length") ok &&= !written.has(x.array);
    else if (x.k === "unary") ok &&= x.op === "-" || x.op === "~";
    else if (x.k === "binary") ok &&= INT_OPS.has(x.op);
    else ok &&= x.k === "num";
  });
  return ok;
}

const INT_OPS = new Set(["+", "-", "*", "<<", ">>", "&", "|", "^"]);

/** Whether `body` may skip statements or trips: a `return`, `break` or `continue` anywhere in it. */
function jumps(body: readonly Stmt[]): boolean {
  let out = false;
  forEachStmt(body, (x) => void ((x.k === "return" || x.k === "break" || x.k === "continue") && (out = true)));
  return out;
}

/** The arrays whose one element loop `s` may keep in a local (see the file comment), each with one of its accesses. */
export function keptElements(L: FnLowerer, s: LoopStmt): { readonly array: Var; readonly ref: ElemRef }[] {
  if (L.check !== null || !L.raceFree || L.proven.size === 0) return [];
  let nested = false;
  forEachStmt(s.body, (x) => void ((x.k === "loop" || x.k === "prange") && (nested = true)));
  if (nested || jumps(s.body) || (s.kind !== "do" && (s.cond === null || !isPure(s.cond)))) return [];
  // arrays stored to by a statement of the body itself, in every trip
  const always = new Set<Var>();
  for (const x of s.body) if (x.k === "expr" && x.e.k === "store") always.add(x.e.ref.array);
  const written = loopWrites(s);
  // per array: one access (its index is the one all share, or null when they differ or move)
  const seen = new Map<Var, { index: Expr | null; ref: ElemRef; stored: boolean }>();
  let ok = true;
  forEachExprInStmts([s], (e) => {
    if (e.k === "atomic" || e.k === "updateElem" || e.k === "newArray") ok = false;
    if (e.k !== "load" && e.k !== "store") return;
    if (!L.proven.has(e.ref.site) || written.has(e.ref.array)) ok = false;
    const a = e.ref.array;
    const keyable = a.array === "Float64Array" && (e.k === "load" || e.op === "=" || COMPOUND.has(e.op)) && fixed(L, e.ref.index, written);
    const index = keyable ? e.ref.index : null;
    const was = seen.get(a);
    if (was === undefined) seen.set(a, { index, ref: e.ref, stored: e.k === "store" });
    else {
      if (was.index === null || index === null || !exprEquals(was.index, index)) was.index = null;
      if (e.k === "store") was.stored = true;
    }
  });
  if (!ok) return [];
  const out: { array: Var; ref: ElemRef }[] = [];
  for (const [array, x] of seen) if (x.index !== null && x.stored && always.has(array) && !L.promoted.has(array)) out.push({ array, ref: x.ref });
  return out;
}

/**
 * Emits loop `s` (by `emit`) twice: with the elements of `kept` in locals when their arrays
 * overlap no other array the loop accesses and the loop runs at least one trip, and as written
 * otherwise.
 */
export function emitKept(L: FnLowerer, s: LoopStmt, kept: readonly { readonly array: Var; readonly ref: ElemRef }[], emit: () => void): void {
  const fb = L.fb;
  for (const k of kept) {
    const index = { start: k.ref.index.start, end: k.ref.index.end };
    if (!L.keptLoops.some((x) => x.loop.start === s.start && x.array === k.array.name)) L.keptLoops.push({ loop: { start: s.start, end: s.end }, array: k.array.name, index });
  }
  const arrays = new Set<Var>();
  forEachExprInStmts([s], (e) => void ((e.k === "load" || e.k === "store") && arrays.add(e.ref.array)));
  fb.i32Const(1);
  andDisjoint(L, new Set(kept.map((k) => k.array)), [...arrays]);
  // the loop's entry test (free of effects), as the loop itself makes it next
  if (s.kind !== "do") {
    emitCond(L, s.cond!);
    fb.op(Op.i32_and);
  }
  fb.if_("void");
  const saved = L.promoted;
  const promoted = new Map(saved);
  const slots = kept.map((k) => {
    const addr = fb.local(ValType.i32);
    const val = fb.local(ValType.f64);
    emitAddress(L, k.ref, AccessMode.ReadWrite);
    fb.localTee(addr).mem(Op.f64_load, { align: 3, offset: 0 }).localSet(val);
    promoted.set(k.array, val);
    return { addr, val };
  });
  L.promoted = promoted;
  try {
    emit();
  } finally {
    L.promoted = saved;
  }
  for (const { addr, val } of slots) fb.localGet(addr).localGet(val).mem(Op.f64_store, { align: 3, offset: 0 });
  fb.else_();
  emit();
  fb.end();
}
