/**
 * Array values: an array variable is a pair of i32 locals, its base address and its length.
 * `const t = new K(n)` fills them from this thread's arena (runtime/arena.ts); `let s = a`,
 * `s = d` and `s = c ? a : b` copy another array's pair (the `?:` as an if/else, each arm
 * copying one pair), so an access through `s` is bounds-checked against the length of whichever
 * array it holds. A variable declared without a value holds no array: length 0, so any access
 * is the bounds error. Array variables are only assigned in the leader's function (arrays.ts
 * refuses assignments inside prange loops); a prange reads their current pair from the frame.
 */
import { ELEMENT_BYTES } from "../artifact.js";
import type { Expr, Var } from "../model/ir.js";
import { emitAs, emitCond } from "./expr.js";
import type { FnLowerer } from "./fn.js";
import { ValType } from "./wasm/encoder.js";
import { Op, OpFC } from "./wasm/opcodes.js";

export { ELEMENT_BYTES } from "../artifact.js";

type Pair = { readonly base: number; readonly len: number };

/** `let v = init` for an array variable. */
export function emitArrayLet(L: FnLowerer, v: Var, init: Expr | null): void {
  const a = L.arrayLocals(v);
  if (init === null) {
    L.fb.i32Const(0).localSet(a.base).i32Const(0).localSet(a.len);
    return;
  }
  emitArrayValue(L, init, a);
}

/** `v = value` for an array variable (a statement of its own: arrays.ts refuses it as a value). */
export function emitArrayAssign(L: FnLowerer, v: Var, value: Expr): void {
  emitArrayValue(L, value, L.arrayLocals(v));
}

/**
 * `return e` of an array: its length goes to the frame's return slot, its base is main's result
 * (the runtime gives back the argument with that base and length, else a copy of the kernel's own
 * array, which stays in this thread's arena until the next call resets it).
 */
export function emitArrayReturn(L: FnLowerer, e: Expr): void {
  const fb = L.fb;
  const pair = e.k === "var" ? L.arrayLocals(e.v) : { base: L.temp(ValType.i32), len: L.temp(ValType.i32) };
  if (e.k !== "var") emitArrayValue(L, e, pair);
  fb.localGet(L.frameLocal).localGet(pair.len).mem(Op.i32_store, { align: 2, offset: L.m.frame.returnLength! });
  fb.localGet(pair.base);
  if (e.k !== "var") {
    L.release(ValType.i32, pair.base);
    L.release(ValType.i32, pair.len);
  }
}

/** Sets `dest` to the base and length of the array `e` (a variable, `new K(n)`, or `?:` of them). */
export function emitArrayValue(L: FnLowerer, e: Expr, dest: Pair): void {
  const fb = L.fb;
  switch (e.k) {
    case "var": {
      const src = L.arrayLocals(e.v);
      if (src === dest) return;
      fb.localGet(src.base).localSet(dest.base).localGet(src.len).localSet(dest.len);
      return;
    }
    case "newArray":
      emitNewArray(L, e, dest);
      return;
    case "cond":
      emitCond(L, e.c);
      fb.if_("void");
      L.pushLabel(null, "other");
      emitArrayValue(L, e.t, dest);
      fb.else_();
      emitArrayValue(L, e.f, dest);
      L.popLabel();
      fb.end();
      return;
    default:
      throw new Error(`internal: '${e.k}' as an array value`);
  }
}

/** `new K(n)`: a zero-filled block from this thread's arena (runtime/arena.ts). */
function emitNewArray(L: FnLowerer, init: Extract<Expr, { k: "newArray" }>, a: Pair): void {
  const fb = L.fb;
  const n = L.temp(ValType.f64);
  const bytes = ELEMENT_BYTES[init.kind];
  emitAs(L, init.len, "f64");
  // env.alloc throws the RangeError of `new K(n)` for a length JavaScript refuses
  fb.localTee(n).i32Const(bytes).call(L.m.imports.alloc!).localSet(a.base);
  fb.localGet(n).opFC(OpFC.i32_trunc_sat_f64_u).localSet(a.len);
  fb.localGet(a.base).i32Const(0).localGet(a.len);
  if (bytes > 1) fb.i32Const(Math.log2(bytes)).op(Op.i32_shl);
  fb.opFC(OpFC.memory_fill).op(0);
  L.release(ValType.f64, n);
}
