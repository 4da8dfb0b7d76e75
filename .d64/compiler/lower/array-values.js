import { emitAs, emitCond } from "./expr.js";
import { Op, OpFC } from "./wasm/opcodes.js";
export const ELEMENT_BYTES = {
    Float64Array: 8, Float32Array: 4, Int32Array: 4, Uint32Array: 4, Int16Array: 2, Uint16Array: 2, Int8Array: 1, Uint8Array: 1, Uint8ClampedArray: 1,
};
/** `let v = init` for an array variable. */
export function emitArrayLet(L, v, init) {
    const a = L.arrayLocals(v);
    if (init === null) {
        L.fb.i32Const(0).localSet(a.base).i32Const(0).localSet(a.len);
        return;
    }
    emitArrayValue(L, init, a);
}
/** `v = value` for an array variable (a statement of its own: arrays.ts refuses it as a value). */
export function emitArrayAssign(L, v, value) {
    emitArrayValue(L, value, L.arrayLocals(v));
}
/**
 * `return e` of an array: its length goes to the frame's return slot, its base is main's result
 * (the runtime gives back the argument with that base and length, else a copy of the kernel's own
 * array, which stays in this thread's arena until the next call resets it).
 */
export function emitArrayReturn(L, e) {
    const fb = L.fb;
    const pair = e.k === "var" ? L.arrayLocals(e.v) : { base: L.temp(127 /* ValType.i32 */), len: L.temp(127 /* ValType.i32 */) };
    if (e.k !== "var")
        emitArrayValue(L, e, pair);
    fb.localGet(L.frameLocal).localGet(pair.len).mem(Op.i32_store, { align: 2, offset: L.m.frame.returnLength });
    fb.localGet(pair.base);
    if (e.k !== "var") {
        L.release(127 /* ValType.i32 */, pair.base);
        L.release(127 /* ValType.i32 */, pair.len);
    }
}
/** Sets `dest` to the base and length of the array `e` (a variable, `new K(n)`, or `?:` of them). */
export function emitArrayValue(L, e, dest) {
    const fb = L.fb;
    switch (e.k) {
        case "var": {
            const src = L.arrayLocals(e.v);
            if (src === dest)
                return;
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
function emitNewArray(L, init, a) {
    const fb = L.fb;
    const n = L.temp(124 /* ValType.f64 */);
    const bytes = ELEMENT_BYTES[init.kind];
    emitAs(L, init.len, "f64");
    // env.alloc throws the RangeError of `new K(n)` for a length JavaScript refuses
    fb.localTee(n).i32Const(bytes).call(L.m.imports.alloc).localSet(a.base);
    fb.localGet(n).opFC(OpFC.i32_trunc_sat_f64_u).localSet(a.len);
    fb.localGet(a.base).i32Const(0).localGet(a.len);
    if (bytes > 1)
        fb.i32Const(Math.log2(bytes)).op(Op.i32_shl);
    fb.opFC(OpFC.memory_fill).op(0);
    L.release(124 /* ValType.f64 */, n);
}
