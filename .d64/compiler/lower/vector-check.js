import { IMPORTED_MATH, mathArity } from "../model/builtins.js";
import { forEachExprInStmts } from "../model/walk.js";
/** Native f64x2 unary operations of Math. */
export const UNARY_MATH = { sqrt: 0xef, abs: 0xec, floor: 0x75, ceil: 0x74, trunc: 0x7a };
const COMPARE = new Set(["<", "<=", ">", ">=", "==", "!=", "===", "!=="]);
/** Bitwise operators run on the lanes for int32 operands; shifts by a constant count. */
export const BITWISE = new Set(["&", "|", "^", "<<", ">>", ">>>"]);
export const SHIFTS = new Set(["<<", ">>", ">>>"]);
/** Element kinds the lanes load at the index (as doubles, exactly). */
const LANE_LOADS = new Set(["Float64Array", "Float32Array", "Int32Array", "Uint32Array", "Int16Array", "Uint16Array", "Int8Array", "Uint8Array", "Uint8ClampedArray"]);
const REDUCTION_WORDS = {
    loc: "a compound min/max with its index",
    carried: "carried with a compound min/max",
    minIf: "a min written with a comparison",
    maxIf: "a max written with a comparison",
    flag: "a flag set to a constant",
};
/** `l % r` on doubles is exact as l - trunc(l / r) * r when l >= 0 and l + |r| < 2^52. */
const EXACT_REM = 2 ** 51;
const isInt = (e) => e.ty.k === "i32" || e.ty.k === "i64";
const bounds = (e) => {
    const t = e.ty;
    return t.k === "i32" || t.k === "i64" ? t : { lo: -Infinity, hi: Infinity };
};
/** `c` for an index `i`, `i + c`, `c + i` or `i - c` (`i` the prange index, `c` a small integer constant); else null. */
export function laneOffset(p, e) {
    const isI = (x) => x.k === "var" && x.v === p.index;
    const c = (x) => {
        const v = x.k === "num" ? x.value : x.k === "unary" && x.op === "-" && x.e.k === "num" ? -x.e.value : NaN;
        return Number.isInteger(v) && Math.abs(v) <= 2 ** 20 ? v + 0 : null;
    };
    if (isI(e))
        return 0;
    if (e.k !== "binary" || (e.op !== "+" && e.op !== "-"))
        return null;
    if (isI(e.l) && c(e.r) !== null)
        return e.op === "+" ? c(e.r) : -c(e.r) + 0;
    if (e.op === "+" && isI(e.r) && c(e.l) !== null)
        return c(e.l);
    return null;
}
/** The `e` of a reduction update `s += e`, `s = s + e`, `s = Math.min(s, e)`, ...; null otherwise. */
export function reductionValue(r, e) {
    const isS = (x) => x.k === "var" && x.v === r.v;
    if (r.op === "+" && (e.op === "+=" || e.op === "-="))
        return e.value;
    if (r.op === "*" && e.op === "*=")
        return e.value;
    if (e.op !== "=")
        return null;
    const v = e.value;
    if (v.k === "binary" && ((r.op === "+" && (v.op === "+" || v.op === "-")) || (r.op === "*" && v.op === "*"))) {
        if (isS(v.l))
            return v.r;
        if (v.op !== "-" && isS(v.r))
            return v.l;
    }
    if (v.k === "call" && v.fn === r.op && v.args.length === 2) {
        if (isS(v.args[0]))
            return v.args[1];
        if (isS(v.args[1]))
            return v.args[0];
    }
    return null;
}
/** Whether `r`'s update subtracts (`s -= e`, `s = s - e`). */
export function subtracts(e) {
    return e.op === "-=" || (e.op === "=" && e.value.k === "binary" && e.value.op === "-");
}
/** Whether the parallel loop `p` can run two iterations per step. */
export function vectorisable(p) {
    return laneVerdict(p) === null;
}
/** null when the parallel loop `p` can run two iterations per step; else the first thing that stops it. */
export function laneVerdict(p) {
    const m = p.model;
    const loopWide = (why) => ({ why, at: null });
    if (m.shared.length)
        return loopWide(`it writes the shared scalar '${m.shared[0].name}' (two lanes keep no shared state)`);
    if (m.privates.length)
        return loopWide(`it privatises the outer scalar '${m.privates[0].name}' (two lanes keep no private copies of outer scalars)`);
    if (m.arrayReductions.length)
        return loopWide(`it reduces the array '${m.arrayReductions[0].array.name}' through private copies`);
    const reds = new Map(m.reductions.map((r) => [r.v, r]));
    for (const r of m.reductions) {
        if (r.v.ty.k !== "f64")
            return loopWide(`the reduction of '${r.v.name}' is on integers or booleans (two lanes reduce doubles only)`);
        if (!["+", "*", "min", "max"].includes(r.op))
            return loopWide(`the reduction of '${r.v.name}' is ${REDUCTION_WORDS[r.op] ?? r.op} (two lanes reduce with +, *, Math.min or Math.max only)`);
    }
    let reason = null;
    /** records the first (innermost) failure and returns false */
    const no = (at, why) => {
        reason ??= { why, at };
        return false;
    };
    const numeric = (v) => !v.array && v.ty.k === "f64" || v.ty.k === "i32" || v.ty.k === "i64";
    const okVar = (v) => v === p.index || (!v.array && numeric(v) && (v.owner === p || !reds.has(v)));
    const okIndex = (e) => e.k === "var" && e.v === p.index;
    // arrays the body stores to: their elements are read only at the index itself (a lane reading
    // a neighbour another lane writes would see the old value)
    const written = new Set();
    forEachExprInStmts(p.body, (e) => {
        if (e.k === "store" || e.k === "updateElem")
            written.add(e.ref.array);
    });
    const notBool = (x) => x.ty.k !== "bool" || no(x, "a boolean is used as a number");
    const ok = (e) => {
        switch (e.k) {
            case "num":
                return true;
            case "bool":
                return true;
            case "var":
                return okVar(e.v) || no(e, v2why(e.v, reds));
            case "load": {
                const off = laneOffset(p, e.ref.index);
                if (!LANE_LOADS.has(e.ref.array.array))
                    return no(e, `it reads a ${e.ref.array.array}`);
                if (off === null)
                    return no(e, "it reads an element not at the index (two lanes read `a[i]` or `a[i + c]` only)");
                return off === 0 || !written.has(e.ref.array) || no(e, "it reads a neighbour of an element the loop writes");
            }
            case "unary":
                if (e.op === "!")
                    return (e.ty.k === "bool" && e.e.ty.k === "bool") ? ok(e.e) : no(e, "`!` of a number");
                if (e.op === "-" || e.op === "+")
                    return notBool(e.e) && ok(e.e);
                return no(e, `the operator \`${e.op}\``);
            case "binary":
                if (COMPARE.has(e.op))
                    return notBool(e.l) && notBool(e.r) && ok(e.l) && ok(e.r);
                if (e.ty.k === "bool")
                    return no(e, `\`${e.op}\` on booleans`);
                if (BITWISE.has(e.op)) {
                    // on int32 operands ToInt32 is the identity: exact through i32x4 lanes and back
                    if (e.l.ty.k !== "i32")
                        return no(e, `\`${e.op}\` on an operand that is not an int32`);
                    if (!ok(e.l))
                        return false;
                    if (SHIFTS.has(e.op))
                        return (e.r.k === "num" && Number.isInteger(e.r.value)) || no(e, "a shift by a count that is not a constant");
                    return e.r.ty.k === "i32" ? ok(e.r) : no(e, `\`${e.op}\` on an operand that is not an int32`);
                }
                if (e.op === "%") {
                    // integer remainders only: doubles have no remainder instruction
                    if (!isInt(e) || !isInt(e.l) || !isInt(e.r))
                        return no(e, "`%` on doubles (two lanes take `%` of non-negative integers only)");
                    const l = bounds(e.l);
                    const r = bounds(e.r);
                    const rMax = Math.max(Math.abs(r.lo), Math.abs(r.hi));
                    if (!(l.lo >= 0 && l.hi + rMax < EXACT_REM && (r.lo > 0 || r.hi < 0)))
                        return no(e, "`%` of an integer that may be negative, or by one that may be 0");
                    return ok(e.l) && ok(e.r);
                }
                if (e.op === "+" || e.op === "-" || e.op === "*" || (e.op === "/" && e.ty.k === "f64"))
                    return notBool(e.l) && notBool(e.r) && ok(e.l) && ok(e.r);
                return no(e, `the operator \`${e.op}\``);
            case "logical":
                if (e.op === "??")
                    return no(e, "`??`");
                return (e.ty.k === "bool" && e.l.ty.k === "bool" && e.r.ty.k === "bool") ? ok(e.l) && ok(e.r) : no(e, `\`${e.op}\` on numbers`);
            case "cond":
                if (e.c.ty.k !== "bool" || e.ty.k === "bool" || e.t.ty.k === "bool" || e.f.ty.k === "bool")
                    return no(e, "a `?:` with a number condition or boolean branches");
                return ok(e.c) && ok(e.t) && ok(e.f);
            case "call":
                if (e.ty.k !== "f64" && !isInt(e))
                    return no(e, `Math.${e.fn} gives a boolean`);
                if (UNARY_MATH[e.fn] !== undefined || e.fn === "round" || (IMPORTED_MATH.has(e.fn) && e.fn !== "random" && e.fn !== "hypot")) {
                    const arity = mathArity(e.fn, e.args.length);
                    if (e.args.length !== arity)
                        return no(e, `Math.${e.fn} with ${e.args.length} arguments`);
                    return e.args.every((a) => notBool(a) && ok(a));
                }
                if (e.fn === "min" || e.fn === "max")
                    return e.args.length === 2 ? e.args.every((a) => notBool(a) && ok(a)) : no(e, `Math.${e.fn} with ${e.args.length} arguments`);
                return no(e, `it calls Math.${e.fn}`);
            case "assign":
                return no(e, "an assignment inside an expression");
            case "store":
            case "updateElem":
                return no(e, "an array store inside an expression");
            case "update":
                return no(e, `\`${e.op}\` (two lanes assign with \`=\` only)`);
            case "length":
                return no(e, "`.length` inside the loop");
            default:
                return no(e, "a comma expression");
        }
    };
    const okStmt = (s) => {
        if (s.k === "let") {
            if (s.v.array)
                return no(s, `the local array '${s.v.name}'`);
            if (!numeric(s.v))
                return no(s, `the boolean local '${s.v.name}'`);
            if (s.init === null)
                return no(s, `'${s.v.name}' is declared without a value`);
            return notBool(s.init) && ok(s.init);
        }
        if (s.k === "block")
            return s.body.every(okStmt);
        if (s.k === "if")
            return (s.c.ty.k === "bool" || no(s.c, "an `if` on a number")) && ok(s.c) && s.t.every(okStmt) && s.f.every(okStmt);
        if (s.k === "loop")
            return no(s, `an inner \`${s.kind}\` loop`);
        if (s.k === "prange")
            return no(s, "a nested prange");
        if (s.k !== "expr")
            return no(s, `\`${s.k}\``);
        const e = s.e;
        if (e.k === "store") {
            const kind = e.ref.array.array;
            // integer elements take the exact int32 of an int32-typed value (ToInt32 is the identity)
            const storable = kind === "Float64Array" || kind === "Float32Array" || ((kind === "Int32Array" || kind === "Uint32Array") && e.value.ty.k === "i32");
            if (e.op !== "=")
                return no(e, `a compound store \`${e.op}\` to an element`);
            if (!storable)
                return no(e, `it stores to a ${kind}${kind === "Int32Array" || kind === "Uint32Array" ? " a value that is not an int32" : ""}`);
            if (!okIndex(e.ref.index))
                return no(e, "it stores to an element not at the index (two lanes store `a[i]` only)");
            return notBool(e.value) && ok(e.value);
        }
        if (e.k === "updateElem")
            return no(e, `\`${e.op}\` on an element`);
        if (e.k !== "assign")
            return ok(e) && no(e, "an expression statement that is not an assignment");
        const r = reds.get(e.target);
        if (r) {
            const v = reductionValue(r, e);
            if (v === null)
                return no(e, `the update of '${r.v.name}' is not written as \`s op= e\``);
            return notBool(v) && ok(v);
        }
        if (e.op !== "=")
            return no(e, `\`${e.op}\` on the local '${e.target.name}' (two lanes assign with \`=\` only)`);
        if (e.target.owner !== p)
            return no(e, `it assigns the outer variable '${e.target.name}'`);
        if (!numeric(e.target))
            return no(e, `it assigns the boolean '${e.target.name}'`);
        return notBool(e.value) && ok(e.value);
    };
    if (p.body.length === 0)
        return loopWide("the body is empty");
    if (p.body.every(okStmt))
        return null;
    return reason ?? loopWide("its body");
}
function v2why(v, reds) {
    if (v.array)
        return `the array '${v.name}' is used as a value`;
    if (reds.has(v))
        return `the reduction variable '${v.name}' is read inside the loop`;
    return `'${v.name}' is a boolean`;
}
