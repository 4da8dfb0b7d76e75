import { mathArity } from "../model/builtins.js";
import { emitAs, emitExpr, emitEffect, emitRound } from "./expr.js";
import { emitInlined } from "./wasm/decoder.js";
import { Op } from "./wasm/opcodes.js";
/** Name under which an imported Math function is declared: `name/arity`. */
export function mathImportKey(fn, arity) {
    return `${fn}/${arity}`;
}
/**
 * The import's field name: the function's own name, except hypot with other than two arguments
 * (`hypot_3`): one wasm import has one signature, and the math library's hypot takes two.
 */
export function mathImportField(fn, arity) {
    return fn === "hypot" && arity !== 2 ? `hypot_${arity}` : fn;
}
export function emitCall(L, fn, args, ty) {
    const fb = L.fb;
    const a = args[0];
    /** the first argument as f64; a missing argument is undefined, i.e. NaN */
    const arg0 = () => {
        if (a)
            emitAs(L, a, "f64");
        else
            fb.f64Const(NaN);
    };
    const extras = (from) => {
        for (let i = from; i < args.length; i++)
            emitEffect(L, args[i]);
    };
    if (fn.startsWith("Number.") || fn.startsWith("global.")) {
        emitPredicate(L, fn, a);
        extras(1);
        return;
    }
    switch (fn) {
        case "abs":
        case "floor":
        case "ceil":
        case "trunc":
        case "round":
        case "sign":
            if (ty.k === "i32" || ty.k === "i64") {
                emitAs(L, a, ty.k);
                extras(1);
                if (fn === "abs")
                    intAbs(L);
                if (fn === "sign")
                    intSign(L);
                return;
            }
            arg0();
            extras(1);
            if (fn === "abs")
                fb.op(Op.f64_abs);
            else if (fn === "floor")
                fb.op(Op.f64_floor);
            else if (fn === "ceil")
                fb.op(Op.f64_ceil);
            else if (fn === "trunc")
                fb.op(Op.f64_trunc);
            else if (fn === "round")
                emitRound(L);
            else
                fb.call(L.m.helpers.sign);
            return;
        case "sqrt":
            arg0();
            extras(1);
            fb.op(Op.f64_sqrt);
            return;
        case "fround":
            arg0();
            extras(1);
            fb.op(Op.f32_demote_f64).op(Op.f64_promote_f32);
            return;
        case "min":
        case "max":
            emitMinMax(L, fn, args, ty);
            return;
        case "imul":
            for (let i = 0; i < 2; i++) {
                if (args[i])
                    emitAs(L, args[i], "int32");
                else
                    fb.i32Const(0);
            }
            extras(2);
            fb.op(Op.i32_mul);
            return;
        case "clz32":
            if (a)
                emitAs(L, a, "int32");
            else
                fb.i32Const(0);
            extras(1);
            fb.op(Op.i32_clz);
            return;
        default: {
            const arity = mathArity(fn, args.length);
            for (let i = 0; i < arity; i++) {
                if (args[i])
                    emitAs(L, args[i], "f64");
                else
                    fb.f64Const(NaN);
            }
            extras(arity);
            callMath(L, fn, arity);
        }
    }
}
function intAbs(L) {
    const fb = L.fb;
    const t = L.temp(127 /* ValType.i32 */);
    // select(-x, x, x < 0)
    fb.localSet(t).i32Const(0).localGet(t).op(Op.i32_sub).localGet(t).localGet(t).i32Const(0).op(Op.i32_lt_s).select();
    L.release(127 /* ValType.i32 */, t);
}
function intSign(L) {
    const fb = L.fb;
    const t = L.temp(127 /* ValType.i32 */);
    fb.localTee(t).i32Const(0).op(Op.i32_gt_s).localGet(t).i32Const(0).op(Op.i32_lt_s).op(Op.i32_sub);
    L.release(127 /* ValType.i32 */, t);
}
function emitMinMax(L, fn, args, ty) {
    const fb = L.fb;
    if (args.length === 0) {
        fb.f64Const(fn === "min" ? Infinity : -Infinity);
        return;
    }
    if (ty.k === "i32") {
        const acc = L.temp(127 /* ValType.i32 */);
        const x = L.temp(127 /* ValType.i32 */);
        emitAs(L, args[0], "i32");
        fb.localSet(acc);
        for (let i = 1; i < args.length; i++) {
            emitAs(L, args[i], "i32");
            fb.localTee(x).localGet(acc).localGet(x).localGet(acc).op(fn === "min" ? Op.i32_lt_s : Op.i32_gt_s).select().localSet(acc);
        }
        fb.localGet(acc);
        L.release(127 /* ValType.i32 */, acc);
        L.release(127 /* ValType.i32 */, x);
        return;
    }
    // f64.min/max match Math.min/max: NaN wins, and -0 < +0
    emitAs(L, args[0], "f64");
    if (args.length === 1)
        return;
    for (let i = 1; i < args.length; i++) {
        emitAs(L, args[i], "f64");
        fb.op(fn === "min" ? Op.f64_min : Op.f64_max);
    }
}
/** Number.isNaN/isFinite/isInteger/isSafeInteger and the global isNaN/isFinite. */
function emitPredicate(L, fn, a) {
    const fb = L.fb;
    const global = fn.startsWith("global.");
    const name = fn.slice(fn.indexOf(".") + 1);
    if (!a) {
        // undefined: isNaN(undefined) is true, the others false
        fb.i32Const(global && name === "isNaN" ? 1 : 0);
        return;
    }
    const t = a.ty;
    if (t.k === "bool" && !global) {
        // Number.* predicates are false for anything that is not a number
        emitEffect(L, a);
        fb.i32Const(0);
        return;
    }
    if (t.k !== "f64") {
        // an int32 (or a boolean converted to 0/1): finite, an integer, not NaN
        emitEffect(L, a);
        fb.i32Const(name === "isNaN" ? 0 : 1);
        return;
    }
    const x = L.temp(124 /* ValType.f64 */);
    emitExpr(L, a);
    fb.localSet(x);
    switch (name) {
        case "isNaN":
            fb.localGet(x).localGet(x).op(Op.f64_ne);
            break;
        case "isFinite":
            fb.localGet(x).localGet(x).op(Op.f64_sub).f64Const(0).op(Op.f64_eq);
            break;
        case "isInteger":
            fb.localGet(x).localGet(x).op(Op.f64_sub).f64Const(0).op(Op.f64_eq);
            fb.localGet(x).op(Op.f64_trunc).localGet(x).op(Op.f64_eq).op(Op.i32_and);
            break;
        case "isSafeInteger":
            fb.localGet(x).localGet(x).op(Op.f64_sub).f64Const(0).op(Op.f64_eq);
            fb.localGet(x).op(Op.f64_trunc).localGet(x).op(Op.f64_eq).op(Op.i32_and);
            fb.localGet(x).op(Op.f64_abs).f64Const(Number.MAX_SAFE_INTEGER).op(Op.f64_le).op(Op.i32_and);
            break;
    }
    L.release(124 /* ValType.f64 */, x);
}
/**
 * Code inlined per function at most: each inlined call adds its body (sin: 1.5 kB, pow: 2 kB,
 * the two-lane exp: 1.2 kB, in each of a two-lane loop's three copies of the body) to what V8
 * compiles.
 */
export const INLINE_BUDGET = 16 * 1024;
/**
 * Calls math function `fn` (arguments on the stack). Inside a loop, a function linked from the
 * math library is inlined instead: no call and return per element, and V8 keeps the loop's
 * values in registers across it (integral2d's inner loop: 78 -> 71 ms measured in isolation).
 */
export function callMath(L, fn, arity, inLoop = L.inLoop()) {
    const key = mathImportKey(fn, arity);
    const linked = mathImportField(fn, arity) === fn && inLoop ? L.m.linkedMath.body(fn) : null;
    if (linked && L.inlinedBytes + linked.body.code.length <= INLINE_BUDGET) {
        L.inlinedBytes += linked.body.code.length;
        const locals = [...linked.body.params, ...linked.body.locals].map((t) => L.fb.local(t));
        // v128 constants (masks of the library's bit operations) are set just before, as constants
        const constants = linked.body.constants.map((c) => {
            const l = L.fb.local(123 /* ValType.v128 */);
            L.fb.opFD(0x0c);
            L.fb.code.bytes(c);
            L.fb.localSet(l);
            return l;
        });
        emitInlined(L.fb.code, linked.body, (i) => locals[i], (k) => constants[k], linked.links);
        return;
    }
    L.fb.call(L.m.imports.math.get(key));
}
