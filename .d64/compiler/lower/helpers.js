/**
 * Module-level helper functions that JavaScript semantics need and wasm lacks as one instruction.
 * Every kernel module gets all of them (a few hundred bytes), so their indices are fixed.
 */
import { FunctionBuilder } from "./wasm/encoder.js";
import { Op, OpFC } from "./wasm/opcodes.js";
const { f64, i32 } = { f64: 124 /* ValType.f64 */, i32: 127 /* ValType.i32 */ };
export function addHelpers(m) {
    // toInt32(x):
    //   |x| < 2^63 : wrap(i64.trunc_sat(x))            exact modular truncation
    //   finite     : u32(x - floor(x / 2^32) * 2^32)   x is an integer here; every step is exact
    //   NaN, ±Inf  : 0
    const t = new FunctionBuilder("toInt32", [f64], [i32]);
    t.localGet(0).op(Op.f64_abs).f64Const(2 ** 63).op(Op.f64_lt);
    t.if_(i32).localGet(0).opFC(OpFC.i64_trunc_sat_f64_s).op(Op.i32_wrap_i64);
    t.else_().localGet(0).localGet(0).op(Op.f64_sub).f64Const(0).op(Op.f64_eq);
    t.if_(i32)
        .localGet(0).localGet(0).f64Const(2 ** 32).op(Op.f64_div).op(Op.f64_floor).f64Const(2 ** 32).op(Op.f64_mul).op(Op.f64_sub)
        .opFC(OpFC.i32_trunc_sat_f64_u)
        .else_().i32Const(0).end();
    t.end();
    const toInt32 = m.addFunction(t);
    // round(x): f = floor(x); r = x - f >= 0.5 ? f + 1 : f; copysign(r, x) keeps -0 for x in [-0.5, 0)
    const r = new FunctionBuilder("round", [f64], [f64]);
    const fl = r.local(f64);
    r.localGet(0).op(Op.f64_floor).localSet(fl);
    r.localGet(fl).f64Const(1).op(Op.f64_add).localGet(fl)
        .localGet(0).localGet(fl).op(Op.f64_sub).f64Const(0.5).op(Op.f64_ge).select()
        .localGet(0).op(Op.f64_copysign);
    const round = m.addFunction(r);
    // sign(x): select(1, select(-1, x, x < 0), x > 0) -- select(a, b, c) is c ? a : b
    const sg = new FunctionBuilder("sign", [f64], [f64]);
    sg.f64Const(1)
        .f64Const(-1).localGet(0).localGet(0).f64Const(0).op(Op.f64_lt).select()
        .localGet(0).f64Const(0).op(Op.f64_gt).select();
    const sign = m.addFunction(sg);
    // clampU8(x): NaN and x <= 0 -> 0; x >= 255 -> 255; else round half to even
    const c = new FunctionBuilder("clampU8", [f64], [i32]);
    c.localGet(0).f64Const(0).op(Op.f64_gt)
        .if_(i32)
        .localGet(0).op(Op.f64_nearest).f64Const(255).op(Op.f64_min).opFC(OpFC.i32_trunc_sat_f64_u)
        .else_().i32Const(0).end();
    const clampU8 = m.addFunction(c);
    // remI(a, b): JavaScript's a % b for int32 operands
    const q = new FunctionBuilder("remI", [i32, i32], [f64]);
    const rr = q.local(i32);
    q.localGet(1).op(Op.i32_eqz).if_("void").f64Const(NaN).return_().end();
    q.localGet(0).localGet(1).op(Op.i32_rem_s).localSet(rr);
    q.localGet(rr).op(Op.i32_eqz).localGet(0).i32Const(0).op(Op.i32_lt_s).op(Op.i32_and).if_("void").f64Const(-0).return_().end();
    q.localGet(rr).op(Op.f64_convert_i32_s);
    const remI = m.addFunction(q);
    return { toInt32, round, sign, clampU8, remI };
}
