/**
 * Checked mode's shadow-state functions, added to a kernel compiled with `checkRaces`. Each array
 * access inside a prange calls `shadow(site, param, index, iteration, mode)` after its bounds
 * check. An element's state is three i64 words (writer, reader, second reader), each
 * `epoch << 48 | (ordinal + 1) << 16 | site`; a word of another epoch (an earlier prange) is empty.
 *
 *   read  (mode 0, 2): claim reader 1 if empty, else reader 2 if reader 1 is another iteration
 *                      (cmpxchg); then a current writer of another iteration -> log(read after write)
 *   write (mode 1, 2): xchg writer; a current old writer of another iteration -> log(write after
 *                      write); else a current reader of another iteration -> log(write after read)
 *
 * Each access publishes itself before it looks at the other kind, so of two concurrent accesses
 * at least one sees the other (wasm atomics are sequentially consistent). Two distinct readers
 * are enough: a later writer differs from at least one of them. runtime/race-check.ts allocates
 * the state, bumps the epoch per prange and turns the log into a ParforRaceError.
 */
import { CHECK_LAYOUT as C } from "../artifact.js";
import { FunctionBuilder } from "./wasm/encoder.js";
import { Op, OpFE } from "./wasm/opcodes.js";
const { i32, i64 } = { i32: 127 /* ValType.i32 */, i64: 126 /* ValType.i64 */ };
const A64 = { align: 3, offset: 0 };
const A32 = { align: 2, offset: 0 };
const WW = 0;
const RW = 1;
const WR = 2;
/**
 * Adds the functions; returns the indices of `shadow(me, base, index, mode, param)` (`me` is the
 * access's word, epoch << 48 | (ordinal + 1) << 16 | site, `base` its array's shadow block) and
 * of `shadowLog(kind, other, param, index, me)`, which records one race (0 write after write, 1
 * write after read, 2 read after write).
 */
export function addShadowFunctions(m) {
    // log(kind, other, param, index, me): one record, if the log has room
    const lg = new FunctionBuilder("shadowLog", [i32, i64, i32, i32, i64], []);
    const n = lg.local(i32);
    const rec = lg.local(i32);
    lg.i32Const(C.countByte).i32Const(1).atomic(OpFE.i32_atomic_rmw_add, A32).localTee(n).i32Const(C.capacity).op(Op.i32_ge_u);
    lg.if_("void").return_().end();
    lg.localGet(n).i32Const(C.recordFields * 8).op(Op.i32_mul).i32Const(C.recordsByte).op(Op.i32_add).localSet(rec);
    const put = (field, value) => {
        lg.localGet(rec);
        value();
        lg.mem(Op.f64_store, { align: 3, offset: field * 8 });
    };
    /** a word's iteration: start + (ordinal + 1 - 1) * step */
    const iteration = (word) => {
        lg.i32Const(C.startByte).mem(Op.f64_load, A64)
            .localGet(word).i64Const(16n).op(Op.i64_shr_u).op(Op.i32_wrap_i64).op(Op.f64_convert_i32_u).f64Const(1).op(Op.f64_sub)
            .i32Const(C.stepByte).mem(Op.f64_load, A64).op(Op.f64_mul).op(Op.f64_add);
    };
    const site = (word) => {
        lg.localGet(word).op(Op.i32_wrap_i64).i32Const(0xffff).op(Op.i32_and).op(Op.f64_convert_i32_u);
    };
    put(0, () => lg.localGet(0).op(Op.f64_convert_i32_u));
    put(1, () => lg.localGet(2).op(Op.f64_convert_i32_u));
    put(2, () => lg.localGet(3).op(Op.f64_convert_i32_u));
    put(3, () => iteration(1));
    put(4, () => site(1));
    put(5, () => iteration(4));
    put(6, () => site(4));
    const log = m.addFunction(lg);
    const f = new FunctionBuilder("shadow", [i64, i32, i32, i32, i32], []);
    const [ME, BASE, INDEX, MODE, PARAM] = [0, 1, 2, 3, 4];
    const addr = f.local(i32);
    const epoch = f.local(i32);
    const ord = f.local(i32);
    const v = f.local(i64);
    const w = f.local(i64);
    // addr = base + index * 24; nothing to do for an unchecked array
    f.localGet(BASE).op(Op.i32_eqz);
    f.if_("void").return_().end();
    f.localGet(BASE).localGet(INDEX).i32Const(C.elementBytes).op(Op.i32_mul).op(Op.i32_add).localSet(addr);
    f.localGet(ME).i64Const(48n).op(Op.i64_shr_u).op(Op.i32_wrap_i64).localSet(epoch);
    f.localGet(ME).i64Const(16n).op(Op.i64_shr_u).op(Op.i32_wrap_i64).localSet(ord);
    /** pushes: word `x` is of this epoch */
    const current = (x) => {
        f.localGet(x).i64Const(48n).op(Op.i64_shr_u).op(Op.i32_wrap_i64).localGet(epoch).op(Op.i32_eq);
    };
    /** pushes: word `x` is of this epoch and of another iteration */
    const other = (x) => {
        current(x);
        f.localGet(x).i64Const(16n).op(Op.i64_shr_u).op(Op.i32_wrap_i64).localGet(ord).op(Op.i32_ne).op(Op.i32_and);
    };
    const report = (kind, x) => {
        f.i32Const(kind).localGet(x).localGet(PARAM).localGet(INDEX).localGet(ME).call(log);
    };
    // ---- read
    f.localGet(MODE).i32Const(1).op(Op.i32_ne).if_("void");
    f.block("void");
    for (const slot of [8, 16]) {
        f.localGet(addr).atomic(OpFE.i64_atomic_load, { align: 3, offset: slot }).localSet(v);
        current(v);
        f.op(Op.i32_eqz).if_("void");
        // empty (another epoch): claim it; done unless someone claimed it first
        f.localGet(addr).localGet(v).localGet(ME).atomic(OpFE.i64_atomic_rmw_cmpxchg, { align: 3, offset: slot }).localTee(w);
        f.localGet(v).op(Op.i64_eq).brIf(1);
        f.localGet(w).localSet(v);
        f.end();
        // this iteration is recorded already: done; else try the second slot
        f.localGet(v).i64Const(16n).op(Op.i64_shr_u).op(Op.i32_wrap_i64).localGet(ord).op(Op.i32_eq).brIf(0);
    }
    f.end();
    f.localGet(addr).atomic(OpFE.i64_atomic_load, A64).localSet(w);
    other(w);
    f.if_("void");
    report(WR, w);
    f.end();
    f.end();
    // ---- write
    f.localGet(MODE).if_("void");
    f.localGet(addr).localGet(ME).atomic(OpFE.i64_atomic_rmw_xchg, A64).localSet(w);
    other(w);
    f.if_("void");
    report(WW, w);
    f.return_().end();
    for (const slot of [8, 16]) {
        f.localGet(addr).atomic(OpFE.i64_atomic_load, { align: 3, offset: slot }).localSet(v);
        other(v);
        f.if_("void");
        report(RW, v);
        f.return_().end();
    }
    f.end();
    return { shadow: m.addFunction(f), shadowLog: log };
}
