import { AccessMode, emitAddress, SHIFT } from "./access.js";
import { emitExpr, operandOf } from "./expr.js";
import { wasmType } from "./fn.js";
import { Op, OpFC, OpFE, RMW16_U, RMW8_U } from "./wasm/opcodes.js";
const RMW = {
    add: OpFE.i32_atomic_rmw_add, sub: OpFE.i32_atomic_rmw_sub, and: OpFE.i32_atomic_rmw_and, or: OpFE.i32_atomic_rmw_or,
    xor: OpFE.i32_atomic_rmw_xor, exchange: OpFE.i32_atomic_rmw_xchg, compareExchange: OpFE.i32_atomic_rmw_cmpxchg,
};
/** Element width in bytes (1, 2 or 4) of an integer array kind. */
function width(kind) {
    return (1 << SHIFT[kind]);
}
/** The 8/16/32-bit form of an i32 atomic opcode. */
function sized(op32, w, narrow8, narrow16) {
    return w === 4 ? op32 : w === 2 ? narrow16 : narrow8;
}
/** Pushes the value of `e` (in the representation of its type). */
export function emitAtomic(L, e, keep) {
    const fb = L.fb;
    const kind = e.ref.array.array;
    const w = width(kind);
    const mem = { align: SHIFT[kind], offset: 0 };
    const addr = L.temp(127 /* ValType.i32 */);
    emitAtomicAddress(L, e);
    fb.localSet(addr);
    if (e.op === "store") {
        emitStore(L, e, addr, w, mem, keep);
        L.release(127 /* ValType.i32 */, addr);
        return;
    }
    fb.localGet(addr);
    if (e.op === "load") {
        fb.atomic(sized(OpFE.i32_atomic_load, w, OpFE.i32_atomic_load8_u, OpFE.i32_atomic_load16_u), mem);
    }
    else {
        const op = RMW[e.op];
        if (e.op === "compareExchange") {
            // the expected value as the element type sees it: its low bits, zero-extended like the load
            operandOf(L, e.args[0]).emit("int32");
            if (w < 4)
                fb.i32Const(w === 1 ? 0xff : 0xffff).op(Op.i32_and);
            operandOf(L, e.args[1]).emit("int32");
        }
        else
            operandOf(L, e.args[0]).emit("int32");
        fb.atomic(sized(op, w, op + RMW8_U, op + RMW16_U), mem);
    }
    L.release(127 /* ValType.i32 */, addr);
    // the old element, zero-extended: as the element type reads it
    if (kind === "Int8Array")
        fb.op(Op.i32_extend8_s);
    else if (kind === "Int16Array")
        fb.op(Op.i32_extend16_s);
    else if (kind === "Uint32Array")
        fb.op(Op.f64_convert_i32_u);
    if (!keep)
        fb.drop();
}
/** Atomics.store: stores ToInt32(value) at the width, returns ToIntegerOrInfinity(value). */
function emitStore(L, e, addr, w, mem, keep) {
    const fb = L.fb;
    const v = e.args[0];
    const vt = v.ty;
    const t = wasmType(vt);
    const val = L.temp(t);
    emitExpr(L, v);
    fb.localSet(val);
    fb.localGet(addr).localGet(val);
    L.convert(vt, "int32");
    fb.atomic(sized(OpFE.i32_atomic_store, w, OpFE.i32_atomic_store8, OpFE.i32_atomic_store16), mem);
    if (keep) {
        if (vt.k !== "f64")
            fb.localGet(val); // an integer (or a boolean as 0/1) is its own ToIntegerOrInfinity
        else {
            // trunc(x), with NaN -> 0 and -0 -> +0 (adding +0 turns -0 into +0)
            fb.localGet(val).op(Op.f64_trunc).f64Const(0).op(Op.f64_add).f64Const(0);
            fb.localGet(val).localGet(val).op(Op.f64_eq).select();
        }
    }
    L.release(t, val);
}
/**
 * Pushes the element address of an Atomics call after checking its index. Integer indices are
 * checked as any access is; a double index is converted with ToIndex (truncated, NaN is 0), so
 * `Atomics.add(a, 1.5, x)` updates a[1] as in JavaScript. Checked mode does not track Atomics.
 */
function emitAtomicAddress(L, e) {
    const ref = e.ref;
    if (ref.index.ty.k !== "f64") {
        emitAddress(L, ref, AccessMode.Atomic);
        return;
    }
    const fb = L.fb;
    const arr = L.arrays.get(ref.array);
    const x = L.temp(124 /* ValType.f64 */);
    const idx = L.temp(127 /* ValType.i32 */);
    emitExpr(L, ref.index);
    // trunc_sat_u: NaN and (-1, 0) give 0, huge values saturate above any length; x <= -1 is out
    fb.localTee(x).opFC(OpFC.i32_trunc_sat_f64_u).localSet(idx);
    fb.localGet(x).f64Const(-1).op(Op.f64_le).localGet(idx).localGet(arr.len).op(Op.i32_ge_u).op(Op.i32_or);
    fb.if_("void").i32Const(ref.site).localGet(x).call(L.m.imports.oob).unreachable().end();
    fb.localGet(arr.base).localGet(idx);
    const sh = SHIFT[ref.array.array];
    if (sh)
        fb.i32Const(sh).op(Op.i32_shl);
    fb.op(Op.i32_add);
    L.release(124 /* ValType.f64 */, x);
    L.release(127 /* ValType.i32 */, idx);
}
