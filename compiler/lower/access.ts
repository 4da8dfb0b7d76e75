/**
 * Array element access. Every access is bounds-checked: an index that is not an integer in
 * [0, length) calls env.oob, which throws a RangeError naming the array, the index and the
 * source line, so no kernel touches memory outside its arrays.
 *
 *   int32 index:  (local.tee $i idx) (local.get $len) i32.ge_u  if  call $oob  unreachable  end
 *   f64 index:    $u = i32.trunc_sat_f64_s(x);  f64(u) != x  or  u >= len (unsigned)  ->  oob
 *                 (signed: V8 emits one cvttsd2si where the unsigned form costs a rounding and
 *                 two branches; an array of 2-byte or wider elements in a 4 GiB memory has
 *                 fewer than 2^31 elements. Byte arrays keep the unsigned form.)
 *   address:      base + (i << log2(element size))
 */
import type { ArrayKind } from "../artifact.js";
import type { ElemRef, Expr } from "../model/ir.js";
import { offsetFrom } from "./pointers.js";
import { AccessMode, emitShadowAccess } from "./checked.js";
import { emitExpr, type Operand } from "./expr.js";
import type { FnLowerer } from "./fn.js";
import { ValType } from "./wasm/encoder.js";
import { Op, OpFC } from "./wasm/opcodes.js";

export const SHIFT: Record<ArrayKind, number> = {
  Float64Array: 3, Float32Array: 2, Int32Array: 2, Uint32Array: 2, Int16Array: 1, Uint16Array: 1,
  Int8Array: 0, Uint8Array: 0, Uint8ClampedArray: 0,
};

export { AccessMode } from "./checked.js";

/** Pushes the byte address of `ref`'s element after checking its index. */
export function emitAddress(L: FnLowerer, ref: ElemRef, mode: AccessMode = AccessMode.Read): void {
  const fb = L.fb;
  const arr = L.arrays.get(ref.array)!;
  const idx = L.temp(ValType.i32);
  const ity = ref.index.ty!;
  const row = L.proven.has(ref.site) && L.check === null ? L.addrLocals.get(ref.index) : undefined;
  if (row !== undefined) {
    // the row's byte address from before the loop (invariants.ts), plus the rest's bytes
    fb.localGet(row.ptr);
    emitExpr(L, row.rest);
    const sh = SHIFT[ref.array.array!];
    if (sh) fb.i32Const(sh).op(Op.i32_shl);
    fb.op(Op.i32_add);
    L.release(ValType.i32, idx);
    return;
  }
  const ptr = L.proven.has(ref.site) && L.check === null ? pointerOf(L, ref) : null;
  if (ptr !== null) {
    // base + (c << shift) from c's declaration (pointers.ts), plus d's bytes
    fb.localGet(ptr.local);
    if (ptr.d !== null) {
      const sh = SHIFT[ref.array.array!];
      if (ptr.d.k === "num") fb.i32Const(ptr.d.value << sh);
      else {
        emitExpr(L, ptr.d);
        if (sh) fb.i32Const(sh).op(Op.i32_shl);
      }
      fb.op(ptr.minus ? Op.i32_sub : Op.i32_add);
    }
    L.release(ValType.i32, idx);
    return;
  }
  if (L.proven.has(ref.site)) {
    // checked for the whole chunk before the loop: an exact integer in [0, length)
    emitExpr(L, ref.index);
    if (ity.k === "i64") fb.op(Op.i32_wrap_i64);
    fb.localSet(idx);
  } else if (ity.k === "i64") {
    // an exact integer beyond int32: in bounds iff 0 <= x < length, compared unsigned in 64 bits
    const x = L.temp(ValType.i64);
    emitExpr(L, ref.index);
    fb.localTee(x).localGet(arr.len).op(Op.i64_extend_i32_u).op(Op.i64_ge_u);
    fb.if_("void").i32Const(ref.site).localGet(x).op(Op.f64_convert_i64_s);
    callOob(L, ref, arr.len);
    fb.localGet(x).op(Op.i32_wrap_i64).localSet(idx);
    L.release(ValType.i64, x);
  } else if (ity.k !== "f64") {
    emitExpr(L, ref.index);
    fb.localTee(idx).localGet(arr.len).op(Op.i32_ge_u);
    fb.if_("void").i32Const(ref.site).localGet(idx);
    fb.op(ity.k === "bool" ? Op.f64_convert_i32_u : Op.f64_convert_i32_s);
    callOob(L, ref, arr.len);
  } else {
    const x = L.temp(ValType.f64);
    emitExpr(L, ref.index);
    const signed = SHIFT[ref.array.array!] > 0;
    fb.localTee(x).opFC(signed ? OpFC.i32_trunc_sat_f64_s : OpFC.i32_trunc_sat_f64_u).localTee(idx);
    fb.op(signed ? Op.f64_convert_i32_s : Op.f64_convert_i32_u).localGet(x).op(Op.f64_ne);
    fb.localGet(idx).localGet(arr.len).op(Op.i32_ge_u).op(Op.i32_or);
    fb.if_("void").i32Const(ref.site).localGet(x);
    callOob(L, ref, arr.len);
    L.release(ValType.f64, x);
  }
  // Atomics never race with each other, so checked mode does not track them
  if (L.check !== null && mode !== AccessMode.Atomic) emitShadowAccess(L, ref, idx, mode);
  fb.localGet(arr.base).localGet(idx);
  const sh = SHIFT[ref.array.array!];
  if (sh) fb.i32Const(sh).op(Op.i32_shl);
  fb.op(Op.i32_add);
  L.release(ValType.i32, idx);
}

/** The base pointer (pointers.ts) `ref`'s index reads, with its offset, or null. */
function pointerOf(L: FnLowerer, ref: ElemRef): { local: number; d: Expr | null; minus: boolean } | null {
  const byVar = L.basePointers.get(ref.array);
  // (an index moved out of the loop whole is one local already: invariants.ts)
  if (byVar === undefined || byVar.size === 0 || ref.index.ty?.k !== "i32" || L.exprLocals.has(ref.index)) return null;
  for (const [v, local] of byVar) {
    const off = offsetFrom(ref.index, v);
    if (off !== null && (off.d === null || off.d.ty?.k === "i32")) return { local, ...off };
  }
  return null;
}

/**
 * Throws the bounds error (site and index on the stack) and closes the `if`: a parameter's length
 * is in the frame, a local array's (or an assigned parameter's, which may hold another array) is passed (env.oobLen).
 */
function callOob(L: FnLowerer, ref: ElemRef, len: number): void {
  const fb = L.fb;
  if (ref.array.kind === "param" && !ref.array.alias) fb.call(L.m.imports.oob);
  else fb.localGet(len).call(L.m.imports.oobLen!);
  fb.unreachable().end();
}

/** Loads `ref`'s element (its address already on the stack when `atAddress`). */
export function emitLoad(L: FnLowerer, ref: ElemRef, atAddress = false): void {
  const kept = atAddress ? undefined : L.promoted.get(ref.array);
  if (kept !== undefined) {
    // an element the loop keeps in a local (promote.ts)
    L.fb.localGet(kept);
    return;
  }
  if (!atAddress) emitAddress(L, ref);
  const fb = L.fb;
  switch (ref.array.array!) {
    case "Float64Array":
      fb.mem(Op.f64_load, { align: 3, offset: 0 });
      return;
    case "Float32Array":
      fb.mem(Op.f32_load, { align: 2, offset: 0 }).op(Op.f64_promote_f32);
      return;
    case "Int32Array":
      fb.mem(Op.i32_load, { align: 2, offset: 0 });
      return;
    case "Uint32Array":
      fb.mem(Op.i32_load, { align: 2, offset: 0 }).op(Op.f64_convert_i32_u);
      return;
    case "Int16Array":
      fb.mem(Op.i32_load16_s, { align: 1, offset: 0 });
      return;
    case "Uint16Array":
      fb.mem(Op.i32_load16_u, { align: 1, offset: 0 });
      return;
    case "Int8Array":
      fb.mem(Op.i32_load8_s, { align: 0, offset: 0 });
      return;
    case "Uint8Array":
    case "Uint8ClampedArray":
      fb.mem(Op.i32_load8_u, { align: 0, offset: 0 });
      return;
  }
}

/** Stores `value` at the address in local `addr`, converting as a typed-array store does in JavaScript. */
export function emitStoreValue(L: FnLowerer, ref: ElemRef, addr: number, value: Operand): void {
  const fb = L.fb;
  fb.localGet(addr);
  switch (ref.array.array!) {
    case "Float64Array":
      value.emit("f64");
      fb.mem(Op.f64_store, { align: 3, offset: 0 });
      return;
    case "Float32Array":
      value.emit("f64");
      fb.op(Op.f32_demote_f64).mem(Op.f32_store, { align: 2, offset: 0 });
      return;
    case "Int32Array":
    case "Uint32Array":
      value.emit("int32");
      fb.mem(Op.i32_store, { align: 2, offset: 0 });
      return;
    case "Int16Array":
    case "Uint16Array":
      value.emit("int32");
      fb.mem(Op.i32_store16, { align: 1, offset: 0 });
      return;
    case "Int8Array":
    case "Uint8Array":
      value.emit("int32");
      fb.mem(Op.i32_store8, { align: 0, offset: 0 });
      return;
    case "Uint8ClampedArray":
      if (value.ty.k === "f64" || value.ty.k === "i64") {
        value.emit("f64");
        fb.call(L.m.helpers.clampU8);
      } else {
        // an int: clamp to [0, 255]
        const t = L.temp(ValType.i32);
        value.emit("i32");
        fb.localTee(t).i32Const(0).localGet(t).i32Const(0).op(Op.i32_gt_s).select();
        fb.localTee(t).i32Const(255).localGet(t).i32Const(255).op(Op.i32_lt_s).select();
        L.release(ValType.i32, t);
      }
      fb.mem(Op.i32_store8, { align: 0, offset: 0 });
      return;
  }
}
