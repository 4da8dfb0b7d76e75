/**
 * Checked mode's instrumentation inside a prange's loop function (shadow.ts holds the shadow
 * function itself). Once per chunk, the epoch and each array's shadow block are loaded into
 * locals; at the top of each iteration its word `epoch << 48 | (ordinal + 1) << 16` is formed;
 * each access then takes an inline fast path when its element already records this iteration
 * and calls `shadow(me | site, base, index, mode, param)` otherwise:
 *
 *   writer word is this iteration          -> nothing to do (any mode): this iteration published
 *                                             itself as the writer and checked the readers then;
 *                                             every later access of another iteration meets it
 *   read, reader 1 is this iteration and   -> nothing to do: it checked the writer when it
 *   the writer word is of an earlier epoch    published, and a later writer meets it
 *
 * Both tests only load words; everything that publishes goes through the function.
 */
import { CHECK_LAYOUT } from "../artifact.js";
import { Op, OpFE } from "./wasm/opcodes.js";
/** How an access uses its element, for checked mode's shadow state. */
export const AccessMode = { Read: 0, Write: 1, ReadWrite: 2, Atomic: 3 };
const A64 = { align: 3, offset: 0 };
/**
 * At the top of loop_k: the epoch and the shadow block of every array the loop writes into
 * locals (see FnLowerer.check). An array the loop only reads cannot race in it, so its accesses
 * are not instrumented; nor are those of an array it reduces (private copies per chunk).
 */
export function beginCheck(L, p) {
    const model = p.model;
    const reduced = new Set(model.arrayReductions.map((r) => r.array));
    const fb = L.fb;
    L.checkIndex = p.index;
    const epoch = fb.local(126 /* ValType.i64 */);
    const me = fb.local(126 /* ValType.i64 */);
    fb.i32Const(CHECK_LAYOUT.epochByte).atomic(OpFE.i32_atomic_load, { align: 2, offset: 0 });
    fb.op(Op.i64_extend_i32_u).i64Const(48n).op(Op.i64_shl).localSet(epoch);
    const bases = new Map();
    L.m.frame.params.forEach((fp, param) => {
        if (fp.kind !== "array")
            return;
        const v = L.m.kernel.params.find((x) => x.name === fp.name);
        // an array parameter that is assigned may hold another array: its shadow block would not match (not checked)
        if (!model.arraysWritten.includes(v) || reduced.has(v) || v.alias)
            return;
        const base = fb.local(127 /* ValType.i32 */);
        fb.i32Const(param * 4).mem(Op.i32_load, { align: 2, offset: CHECK_LAYOUT.tableByte }).localSet(base);
        bases.set(v, { base, param });
    });
    // shared scalars: the kernel's scalar block, after the parameters' entries
    let scalars = null;
    if (model.shared.some((v) => L.m.checkedScalars?.has(v))) {
        scalars = fb.local(127 /* ValType.i32 */);
        fb.i32Const(L.m.frame.params.length * 4).mem(Op.i32_load, { align: 2, offset: CHECK_LAYOUT.tableByte }).localSet(scalars);
    }
    L.check = { epoch, me, bases, scalars };
}
/** At the top of an iteration of the checked prange: me = epoch << 48 | (ordinal + 1) << 16. */
export function beginIteration(L, s, ordinal) {
    if (L.check === null || s.index !== L.checkIndex)
        return;
    const fb = L.fb;
    fb.localGet(L.check.epoch).localGet(ordinal).i32Const(1).op(Op.i32_add).op(Op.i64_extend_i32_u);
    fb.i64Const(16n).op(Op.i64_shl).op(Op.i64_or).localSet(L.check.me);
}
/** pushes: (word ^ me) >>> 16 == 0, i.e. the word is this epoch's and this iteration's */
function mine(L, word) {
    L.fb.localGet(word).localGet(L.check.me).op(Op.i64_xor).i64Const(16n).op(Op.i64_shr_u).op(Op.i64_eqz);
}
/** pushes: the word is of this epoch and of another iteration */
function other(L, word) {
    const fb = L.fb;
    fb.localGet(word).localGet(L.check.me).op(Op.i64_xor).localTee(word);
    fb.i64Const(48n).op(Op.i64_shr_u).op(Op.i64_eqz);
    fb.localGet(word).i64Const(16n).op(Op.i64_shr_u).i64Const(0n).op(Op.i64_ne).op(Op.i32_and);
    // restore the word (x ^ me ^ me)
    fb.localGet(word).localGet(L.check.me).op(Op.i64_xor).localSet(word);
}
/** Before an access whose index (bounds-checked, in local `idx`) is known: the shadow update. */
export function emitShadowAccess(L, ref, idx, mode) {
    const arr = L.check.bases.get(ref.array);
    if (arr === undefined)
        return;
    emitShadowAt(L, arr.base, arr.param, idx, ref.site, mode);
}
/**
 * Before a read or write of a shared scalar (one the analysis could neither privatise nor
 * reduce, kept in the frame): the same shadow update on its word in the kernel's scalar block,
 * element `k` of "parameter" params.length. `at` names the access for the report.
 */
export function emitScalarShadow(L, v, mode, at) {
    const ck = L.check;
    const k = L.m.checkedScalars?.get(v);
    if (ck === null || ck.scalars === null || k === undefined)
        return;
    const idx = L.temp(127 /* ValType.i32 */);
    L.fb.i32Const(k).localSet(idx);
    emitShadowAt(L, ck.scalars, L.m.frame.params.length, idx, L.m.addSite(v.name, at), mode);
    L.release(127 /* ValType.i32 */, idx);
}
function emitShadowAt(L, base, param, idx, siteNo, mode) {
    const ck = L.check;
    const arr = { base, param };
    const fb = L.fb;
    const addr = L.temp(127 /* ValType.i32 */);
    const w = L.temp(126 /* ValType.i64 */);
    const site = BigInt(siteNo & 0xffff);
    fb.block("void");
    // memory safety: no state, no update (the runtime gives every written array a block)
    fb.localGet(arr.base).op(Op.i32_eqz).brIf(0);
    fb.localGet(arr.base).localGet(idx).i32Const(CHECK_LAYOUT.elementBytes).op(Op.i32_mul).op(Op.i32_add).localTee(addr);
    fb.atomic(OpFE.i64_atomic_load, A64).localSet(w);
    mine(L, w);
    fb.brIf(0);
    if (mode === AccessMode.Read) {
        const r = L.temp(126 /* ValType.i64 */);
        fb.localGet(addr).atomic(OpFE.i64_atomic_load, { align: 3, offset: 8 }).localSet(r);
        mine(L, r);
        // the writer word is of an earlier epoch
        fb.localGet(w).localGet(ck.epoch).op(Op.i64_xor).i64Const(48n).op(Op.i64_shr_u).i64Const(0n).op(Op.i64_ne).op(Op.i32_and).brIf(0);
        L.release(126 /* ValType.i64 */, r);
    }
    if (mode === AccessMode.Write) {
        // publish as the writer, then look at the old writer and at the readers
        const report = (kind) => {
            fb.i32Const(kind).localGet(w).i32Const(arr.param).localGet(idx).localGet(ck.me).i64Const(site).op(Op.i64_or).call(L.m.imports.shadowLog);
            fb.br(1); // out of the enclosing block (this runs inside an if)
        };
        fb.localGet(addr).localGet(ck.me).i64Const(site).op(Op.i64_or).atomic(OpFE.i64_atomic_rmw_xchg, A64).localSet(w);
        other(L, w);
        fb.if_("void");
        report(0);
        fb.end();
        for (const slot of [8, 16]) {
            fb.localGet(addr).atomic(OpFE.i64_atomic_load, { align: 3, offset: slot }).localSet(w);
            other(L, w);
            fb.if_("void");
            report(1);
            fb.end();
        }
    }
    else {
        fb.localGet(ck.me).i64Const(site).op(Op.i64_or).localGet(arr.base).localGet(idx).i32Const(mode).i32Const(arr.param);
        fb.call(L.m.imports.shadow);
    }
    fb.end();
    L.release(126 /* ValType.i64 */, w);
    L.release(127 /* ValType.i32 */, addr);
}
