/**
 * The checked-once fast path of a prange chunk: bounds checks hoisted out of the chunk and out of
 * its inner counted loops, and integer index arithmetic narrowed to i32.
 *
 * An *index tree* is an integer expression built with `+`, `-` and `*` from leaves whose range is
 * known when the chunk starts: integer constants, array lengths, integer live-ins (values the loop
 * only reads; a double live-in too, when the chunk finds it an int32 other than -0), the prange
 * index (its range is the chunk's; a double index when the start and step are int32), the counters of enclosing canonical
 * `for` loops of the body (`for (let j = A; j < B; j++)` with A and B index trees: j lies in
 * [A.lo, B.hi - 1] inside its body, and nothing else writes it), locals written once by their
 * declaration from an index tree (`const c = i*m + j*n + k`), and privates of the loop assigned
 * once in its body from a tree (`index = i*n + j` with `let index` outside), after that write. At chunk entry every node's extent
 * [lo, hi] is computed by interval arithmetic in 64-bit integers, and the chunk takes the fast path
 * when
 *   - every node's extent lies in int32 (then computing it with wrapping i32 instructions gives
 *     the exact integer, which is also what JavaScript's doubles give: no rounding below 2^53),
 *   - no product whose type is not already an integer could be -0 (a zero times a negative),
 *   - every access whose index is a tree lies in [0, length) of its array.
 * The fast path runs a copy of the body with those accesses unchecked and those nodes (and the
 * locals and live-ins they read) typed i32; otherwise the fully checked body runs, which raises
 * the exact RangeError at the exact access. The extents over-approximate the values (a box over
 * the counters, accesses under conditions included), so a failed test only costs speed.
 *
 *   lo_i = start + itLo*step;  hi_i = start + (itHi-1)*step          (ordered, i64)
 *   ok = AND over nodes (extent in int32, no -0) AND over accesses (0 <= lo && hi < length)
 *   if ok { loop with the narrowed types, unchecked sites } else { loop, all checked }
 */
import { I32_MAX, I32_MIN, i32 } from "../model/ir.js";
import { visitExpr } from "../model/walk.js";
import { Op, OpFC } from "./wasm/opcodes.js";
const isIntTy = (t) => t !== undefined && (t.k === "i32" || t.k === "i64");
/** The fast path of `p`'s chunks, or null when no access or index node gains from one. */
export function planChunk(p) {
    if (p.index.ty.k !== "i32" && p.index.ty.k !== "f64")
        return null;
    const m = p.model;
    const liveIn = new Set(m.liveIn);
    const outer = new Set([...m.reductions.map((r) => r.v), ...m.shared, ...m.privates]);
    const privates = new Set(m.privates);
    const writes = new Map();
    const uses = new Map();
    // variables one of whose reads passes its representation on unconverted: the value of a
    // store (or Atomics.store) or the last operand of a comma (their own type is the general one)
    const leaky = new Set();
    const scan = (e) => visitExpr(e, (x) => {
        if (x.k === "assign" || x.k === "update")
            writes.set(x.target, (writes.get(x.target) ?? 0) + 1);
        if (x.k === "var") {
            let l = uses.get(x.v);
            if (!l)
                uses.set(x.v, (l = []));
            l.push(x);
        }
        const passed = x.k === "store" && x.op === "=" ? x.value : x.k === "comma" ? x.es[x.es.length - 1] : x.k === "atomic" && x.op === "store" ? x.args[0] : null;
        if (passed && passed.k === "var")
            leaky.add(passed.v);
    });
    const scanStmts = (ss) => {
        for (const s of ss) {
            switch (s.k) {
                case "expr":
                    scan(s.e);
                    break;
                case "let":
                    if (s.init)
                        scan(s.init);
                    break;
                case "return":
                    if (s.e)
                        scan(s.e);
                    break;
                case "if":
                    scan(s.c);
                    scanStmts(s.t);
                    scanStmts(s.f);
                    break;
                case "loop":
                    scanStmts(s.init);
                    if (s.cond)
                        scan(s.cond);
                    if (s.update)
                        scan(s.update);
                    scanStmts(s.body);
                    break;
                case "prange":
                    scan(s.rangeStart);
                    scan(s.rangeStop);
                    scan(s.rangeStep);
                    scanStmts(s.body);
                    break;
                case "block":
                    scanStmts(s.body);
                    break;
                default: break;
            }
        }
    };
    scanStmts(p.body);
    const tree = (e, env) => {
        switch (e.k) {
            case "num":
                return Number.isInteger(e.value) && !Object.is(e.value, -0) && e.value >= I32_MIN && e.value <= I32_MAX ? { k: "const", value: e.value } : null;
            case "length":
                // an array made in the body has no length at chunk entry
                return e.array.owner === p ? null : { k: "len", array: e.array };
            case "unary": {
                // a negative literal (-1)
                const v = e.op === "-" && e.e.k === "num" ? -e.e.value : NaN;
                return Number.isInteger(v) && !Object.is(v, -0) && v >= I32_MIN && v <= I32_MAX ? { k: "const", value: v } : null;
            }
            case "var": {
                const v = e.v;
                const t = env.get(v);
                if (t)
                    return t;
                if (v === p.index)
                    return { k: "index" };
                // a double live-in takes part when the chunk finds it an int32 (not -0): `dual` of `dual *= 2`
                if (liveIn.has(v) && !v.array && (v.ty.k === "i32" || ((v.ty.k === "i64" || v.ty.k === "f64") && !leaky.has(v))))
                    return { k: "var", v };
                return null;
            }
            case "binary": {
                if (e.op !== "+" && e.op !== "-" && e.op !== "*")
                    return null;
                if (e.ty.k === "bool" || e.l.ty.k === "bool" || e.r.ty.k === "bool")
                    return null;
                const l = tree(e.l, env);
                const r = l && tree(e.r, env);
                return l && r ? { k: "bin", op: e.op, l, r, e } : null;
            }
            default:
                return null;
        }
    };
    const NEG = { "<": ">=", "<=": ">", ">": "<=", ">=": "<", "===": "!==", "!==": "===" };
    const FLIP = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "===": "===", "!==": "!==" };
    const bound = (c, env, negate) => {
        if (c.k !== "binary")
            return;
        let op = (c.op === "==" ? "===" : c.op === "!=" ? "!==" : c.op);
        if (!(op in NEG))
            return;
        if (negate)
            op = NEG[op];
        let [x, y] = [c.l, c.r];
        if (x.k !== "var") {
            [x, y] = [y, x];
            op = FLIP[op];
        }
        // both sides trees: integers (exact, whatever their general type) when the chunk takes the path
        if (x.k !== "var")
            return;
        const base = tree(x, env);
        const e = tree(y, env);
        if (!base || !e || op === "!==")
            return;
        const lo = op === ">" || op === ">=" || op === "===" ? e : null;
        const hi = op === "<" || op === "<=" || op === "===" ? e : null;
        env.set(x.v, { k: "clamp", base, lo, loAdj: op === ">" ? 1 : 0, hi, hiAdj: op === "<" ? -1 : 0 });
    };
    const refine = (c, env) => {
        const t = new Map(env);
        const f = new Map(env);
        const conj = (x) => {
            if (x.k === "logical" && x.op === "&&")
                (conj(x.l), conj(x.r));
            else
                bound(x, t, false);
        };
        conj(c);
        bound(c, f, true);
        return [t, f];
    };
    const checks = [];
    // the accesses of an expression, with `c ? t : f`, `l && r` and `l || r` bounding what runs
    // under them as `if` does
    const sitesIn = (x, env) => {
        switch (x.k) {
            case "cond": {
                sitesIn(x.c, env);
                const [t, f] = refine(x.c, env);
                sitesIn(x.t, t);
                sitesIn(x.f, f);
                return;
            }
            case "logical":
                sitesIn(x.l, env);
                sitesIn(x.r, x.op === "&&" ? refine(x.l, env)[0] : x.op === "||" ? refine(x.l, env)[1] : env);
                return;
            case "load":
            case "store":
            case "updateElem": {
                const t = x.ref.array.owner === p ? null : tree(x.ref.index, env);
                if (t) {
                    checks.push({ t, array: x.ref.array });
                    siteOf.set(checks.length - 1, x.ref.site);
                }
                break;
            }
            default:
                break;
        }
        for (const c of children(x))
            sitesIn(c, env);
    };
    const siteOf = new Map();
    const walk = (ss, env0) => {
        const env = new Map(env0);
        for (const s of ss) {
            switch (s.k) {
                case "expr": {
                    sitesIn(s.e, env);
                    // a private written only here (`index = (i + 1) * n + j` with `let index` outside the
                    // loop): every read follows this write in the iteration (privacy), so what follows it
                    // in this list reads its tree's value
                    const e = s.e;
                    if (e.k !== "assign" || e.op !== "=")
                        break;
                    const v = e.target;
                    if (v.array || !privates.has(v) || (writes.get(v) ?? 0) !== 1 || v.counter)
                        break;
                    if (v.ty.k !== "i32" && (leaky.has(v) || !(isIntTy(v.ty) || v.ty.k === "f64")))
                        break;
                    const init = tree(e.value, env);
                    if (init)
                        env.set(v, { k: "local", v, init });
                    break;
                }
                case "return":
                    if (s.e)
                        sitesIn(s.e, env);
                    break;
                case "let": {
                    if (!s.init)
                        break;
                    sitesIn(s.init, env);
                    const v = s.v;
                    if (v.array || v.owner !== p || outer.has(v) || (writes.get(v) ?? 0) !== 0 || v.counter)
                        break;
                    if (v.ty.k !== "i32" && (leaky.has(v) || !(isIntTy(v.ty) || v.ty.k === "f64")))
                        break;
                    const init = tree(s.init, env);
                    if (init)
                        env.set(v, { k: "local", v, init });
                    break;
                }
                case "if": {
                    sitesIn(s.c, env);
                    const [t, f] = refine(s.c, env);
                    walk(s.t, t);
                    walk(s.f, f);
                    break;
                }
                case "block":
                    walk(s.body, env);
                    break;
                case "prange": {
                    sitesIn(s.rangeStart, env);
                    sitesIn(s.rangeStop, env);
                    sitesIn(s.rangeStep, env);
                    // a nested (serial) prange with a constant step: its index lies in [start, stop - 1]
                    // (step > 0) or [stop + 1, start] (step < 0) inside its body
                    const inner = new Map(env);
                    const st = s.rangeStep;
                    const stepC = st.k === "num" ? st.value : st.k === "unary" && st.op === "-" && st.e.k === "num" ? -st.e.value : NaN;
                    if (s.index.ty.k === "i32" && Number.isInteger(stepC) && stepC !== 0) {
                        const init = tree(s.rangeStart, env);
                        const bound = init && tree(s.rangeStop, env);
                        if (init && bound)
                            inner.set(s.index, { k: "box", v: s.index, cmp: stepC > 0 ? "<" : ">", step: stepC, init, bound });
                    }
                    walk(s.body, inner);
                    break;
                }
                case "loop": {
                    const inner = new Map(env);
                    for (const x of s.init) {
                        if (x.k === "let" && x.init)
                            sitesIn(x.init, inner);
                        else if (x.k === "expr")
                            sitesIn(x.e, inner);
                    }
                    if (s.cond)
                        sitesIn(s.cond, inner);
                    if (s.update)
                        sitesIn(s.update, inner);
                    const first = s.init[0];
                    const body = new Map(inner);
                    // an i64 counter (j < m for m = n*n) is typed i32 on the fast path when its values,
                    // the exit value included, fit int32
                    const counterTy = first && first.k === "let" ? first.v.ty.k : null;
                    if (first && first.k === "let" && first.v.counter && s.kind === "for" && (counterTy === "i32" || (counterTy === "i64" && !leaky.has(first.v)))) {
                        const c = first.v.counter;
                        const init = tree(c.init, inner);
                        const bound = init && tree(c.bound, inner);
                        if (init && bound)
                            body.set(first.v, { k: "box", v: first.v, cmp: c.cmp, step: c.step, init, bound });
                    }
                    walk(s.body, body);
                    break;
                }
                default: break;
            }
        }
    };
    walk(p.body, new Map());
    if (!checks.length)
        return null;
    const sites = new Set();
    checks.forEach((_, j) => sites.add(siteOf.get(j)));
    const exprs = new Set();
    const vars = new Set();
    const liveIns = new Set();
    const seen = new Set();
    const mark = (t) => {
        if (seen.has(t))
            return;
        seen.add(t);
        if (t.k === "bin") {
            if (t.e.ty.k !== "i32")
                exprs.add(t.e);
            mark(t.l);
            mark(t.r);
        }
        else if (t.k === "local") {
            if (t.v.ty.k !== "i32")
                vars.add(t.v);
            mark(t.init);
        }
        else if (t.k === "index") {
            // a double index (wide bounds) is typed i32 on the fast path: the chunk's range is checked
            if (p.index.ty.k !== "i32")
                vars.add(p.index);
        }
        else if (t.k === "var") {
            if (t.v.ty.k !== "i32")
                (vars.add(t.v), liveIns.add(t.v));
        }
        else if (t.k === "clamp") {
            mark(t.base);
            if (t.lo)
                mark(t.lo);
            if (t.hi)
                mark(t.hi);
        }
        else if (t.k === "box") {
            if (t.v.ty.k !== "i32")
                vars.add(t.v);
            mark(t.init);
            mark(t.bound);
        }
    };
    for (const c of checks)
        mark(c.t);
    return { sites, checks, exprs, vars, liveIns, uses };
}
/** Pushes (i32) whether the chunk [itLo, itHi) (not empty) may take `plan`'s fast path. */
export function emitChunkCheck(L, plan, itLo, itHi, start, step) {
    const fb = L.fb;
    const I64 = 126 /* ValType.i64 */;
    const ok = fb.local(127 /* ValType.i32 */);
    fb.i32Const(1).localSet(ok);
    const and = () => void fb.localGet(ok).op(Op.i32_and).localSet(ok);
    const idx = { lo: fb.local(I64), hi: fb.local(I64) };
    const at = (it, into) => {
        it();
        fb.op(Op.i64_extend_i32_s).localGet(step).op(Op.i64_extend_i32_s).op(Op.i64_mul).localGet(start).op(Op.i64_extend_i32_s).op(Op.i64_add).localSet(into);
    };
    at(() => fb.localGet(itLo), idx.lo);
    at(() => fb.localGet(itHi).i32Const(1).op(Op.i32_sub), idx.hi);
    // order them: a negative step walks downwards
    const t = fb.local(I64);
    fb.localGet(idx.lo).localGet(idx.hi).localGet(idx.lo).localGet(idx.hi).op(Op.i64_lt_s).select().localSet(t);
    fb.localGet(idx.hi).localGet(idx.lo).localGet(idx.lo).localGet(idx.hi).op(Op.i64_lt_s).select().localSet(idx.hi);
    fb.localGet(t).localSet(idx.lo);
    const memo = new Map();
    const fresh = () => ({ lo: fb.local(I64), hi: fb.local(I64) });
    const both = (push) => {
        const x = fresh();
        push();
        fb.localTee(x.lo).localSet(x.hi);
        return x;
    };
    const ext = (tr) => {
        const done = memo.get(tr);
        if (done)
            return done;
        let x;
        switch (tr.k) {
            case "const":
                x = both(() => fb.i64Const(BigInt(tr.value)));
                break;
            case "len":
                x = both(() => fb.localGet(L.arrays.get(tr.array).len).op(Op.i64_extend_i32_u));
                break;
            case "var":
                if (tr.v.ty.k === "f64") {
                    // an int32 value, not -0 (else the chunk takes the checked path)
                    const d = fb.local(124 /* ValType.f64 */);
                    const n = fb.local(127 /* ValType.i32 */);
                    L.getVar(tr.v);
                    fb.localTee(d).opFC(OpFC.i32_trunc_sat_f64_s).localTee(n).op(Op.f64_convert_i32_s).localGet(d).op(Op.f64_eq);
                    fb.localGet(d).op(Op.i64_reinterpret_f64).i64Const(-(2n ** 63n)).op(Op.i64_ne).op(Op.i32_and);
                    and();
                    x = both(() => fb.localGet(n).op(Op.i64_extend_i32_s));
                    break;
                }
                x = both(() => {
                    L.getVar(tr.v);
                    if (tr.v.ty.k === "i32")
                        fb.op(Op.i64_extend_i32_s);
                });
                break;
            case "index":
                x = idx;
                break;
            case "local":
                x = ext(tr.init);
                break;
            case "box": {
                const a = ext(tr.init);
                const b = ext(tr.bound);
                x = fresh();
                // values inside the loop's body
                if (tr.cmp === "<" || tr.cmp === "<=") {
                    fb.localGet(a.lo).localSet(x.lo);
                    fb.localGet(b.hi);
                    if (tr.cmp === "<")
                        fb.i64Const(1n).op(Op.i64_sub);
                    fb.localSet(x.hi);
                }
                else {
                    fb.localGet(b.lo);
                    if (tr.cmp === ">")
                        fb.i64Const(1n).op(Op.i64_add);
                    fb.localSet(x.lo);
                    fb.localGet(a.hi).localSet(x.hi);
                }
                if (plan.vars.has(tr.v)) {
                    // narrowed to i32: every value it takes, the one that ends the loop too, must fit
                    const exit = fb.local(I64);
                    if (tr.cmp === "<" || tr.cmp === "<=") {
                        fb.localGet(b.hi).i64Const(BigInt(tr.step - (tr.cmp === "<" ? 1 : 0))).op(Op.i64_add).localSet(exit);
                        fb.localGet(a.lo).i64Const(BigInt(I32_MIN)).op(Op.i64_ge_s);
                        fb.localGet(exit).localGet(a.hi).localGet(exit).localGet(a.hi).op(Op.i64_gt_s).select().i64Const(BigInt(I32_MAX)).op(Op.i64_le_s);
                    }
                    else {
                        fb.localGet(b.lo).i64Const(BigInt(tr.step + (tr.cmp === ">" ? 1 : 0))).op(Op.i64_add).localSet(exit);
                        fb.localGet(a.hi).i64Const(BigInt(I32_MAX)).op(Op.i64_le_s);
                        fb.localGet(exit).localGet(a.lo).localGet(exit).localGet(a.lo).op(Op.i64_lt_s).select().i64Const(BigInt(I32_MIN)).op(Op.i64_ge_s);
                    }
                    fb.op(Op.i32_and);
                    and();
                }
                break;
            }
            case "clamp": {
                const a = ext(tr.base);
                x = fresh();
                const side = (into, from, by, adj, keepLarger) => {
                    if (!by)
                        return void fb.localGet(from).localSet(into);
                    const b = ext(by);
                    const t = fb.local(I64);
                    fb.localGet(keepLarger ? b.lo : b.hi).i64Const(BigInt(adj)).op(Op.i64_add).localSet(t);
                    fb.localGet(t).localGet(from).localGet(t).localGet(from).op(keepLarger ? Op.i64_gt_s : Op.i64_lt_s).select().localSet(into);
                };
                side(x.lo, a.lo, tr.lo, tr.loAdj, true);
                side(x.hi, a.hi, tr.hi, tr.hiAdj, false);
                break;
            }
            case "bin": {
                const a = ext(tr.l);
                const b = ext(tr.r);
                x = fresh();
                if (tr.op === "+") {
                    fb.localGet(a.lo).localGet(b.lo).op(Op.i64_add).localSet(x.lo);
                    fb.localGet(a.hi).localGet(b.hi).op(Op.i64_add).localSet(x.hi);
                }
                else if (tr.op === "-") {
                    fb.localGet(a.lo).localGet(b.hi).op(Op.i64_sub).localSet(x.lo);
                    fb.localGet(a.hi).localGet(b.lo).op(Op.i64_sub).localSet(x.hi);
                }
                else {
                    // operands are checked to be int32 (else ok is already 0), so products fit in i64
                    const ps = [fb.local(I64), fb.local(I64), fb.local(I64), fb.local(I64)];
                    const pairs = [[a.lo, b.lo], [a.lo, b.hi], [a.hi, b.lo], [a.hi, b.hi]];
                    pairs.forEach(([u, v], j) => fb.localGet(u).localGet(v).op(Op.i64_mul).localSet(ps[j]));
                    const pick = (into, cmp) => {
                        fb.localGet(ps[0]).localSet(into);
                        for (let j = 1; j < 4; j++)
                            fb.localGet(ps[j]).localGet(into).localGet(ps[j]).localGet(into).op(cmp).select().localSet(into);
                    };
                    pick(x.lo, Op.i64_lt_s);
                    pick(x.hi, Op.i64_gt_s);
                    if (plan.exprs.has(tr.e)) {
                        // a zero times a negative is -0 in doubles: neither factor may be zero while the other is negative
                        const never0OrOtherNonNeg = (u, v) => {
                            fb.localGet(u.lo).i64Const(0n).op(Op.i64_gt_s);
                            fb.localGet(u.hi).i64Const(0n).op(Op.i64_lt_s).op(Op.i32_or);
                            fb.localGet(v.lo).i64Const(0n).op(Op.i64_ge_s).op(Op.i32_or);
                        };
                        never0OrOtherNonNeg(a, b);
                        and();
                        never0OrOtherNonNeg(b, a);
                        and();
                    }
                }
                break;
            }
        }
        memo.set(tr, x);
        // every node in int32: the i32 instructions are exact and 64-bit products cannot overflow
        fb.localGet(x.lo).i64Const(BigInt(I32_MIN)).op(Op.i64_ge_s);
        fb.localGet(x.hi).i64Const(BigInt(I32_MAX)).op(Op.i64_le_s).op(Op.i32_and);
        and();
        return x;
    };
    for (const c of plan.checks) {
        const x = ext(c.t);
        fb.localGet(x.lo).i64Const(0n).op(Op.i64_ge_s);
        fb.localGet(x.hi).localGet(L.arrays.get(c.array).len).op(Op.i64_extend_i32_u).op(Op.i64_lt_s).op(Op.i32_and);
        and();
    }
    fb.localGet(ok);
}
/** The direct sub-expressions of `e` (as visitExpr walks them). */
function children(e) {
    switch (e.k) {
        case "load":
        case "updateElem":
            return [e.ref.index];
        case "store":
            return [e.ref.index, e.value];
        case "unary":
            return [e.e];
        case "binary":
        case "logical":
            return [e.l, e.r];
        case "cond":
            return [e.c, e.t, e.f];
        case "call":
            return e.args;
        case "assign":
            return [e.value];
        case "comma":
            return e.es;
        case "newArray":
            return [e.len];
        case "atomic":
            // its own site stays checked (ToIndex differs from `a[x]` for fractions); its operands may hold accesses
            return [e.ref.index, ...e.args];
        default:
            return [];
    }
}
/** i32 of the integer interval of `t` clipped to int32 (any int32 for a double). */
function narrow(t) {
    return t.k === "i32" || t.k === "i64" ? i32(Math.max(I32_MIN, t.lo), Math.min(I32_MAX, t.hi)) : i32(I32_MIN, I32_MAX);
}
/**
 * Emits `body` (the fast path, inside the branch `emitChunkCheck` chose) with the plan's nodes,
 * locals and live-ins typed i32 and its sites unchecked; restores the general types after.
 */
export function withFastTypes(L, plan, body) {
    const fb = L.fb;
    const savedExpr = new Map();
    const savedVar = new Map();
    const retype = (e, t) => {
        if (!savedExpr.has(e))
            savedExpr.set(e, e.ty);
        e.ty = t;
    };
    for (const v of plan.vars) {
        const t = narrow(v.ty);
        const local = L.locals.get(v);
        savedVar.set(v, { ty: v.ty, local });
        if (plan.liveIns.has(v)) {
            // an i64 live-in (already loaded): its low 32 bits, exact since its extent was checked; a
            // double one: its int32 value (checked to be one)
            if (v.ty.k !== "i64" && v.ty.k !== "f64")
                throw new Error(`internal: narrowing a ${v.ty.k} live-in`);
            const l = fb.local(127 /* ValType.i32 */);
            L.getVar(v);
            if (v.ty.k === "i64")
                fb.op(Op.i32_wrap_i64);
            else
                fb.opFC(OpFC.i32_trunc_sat_f64_s);
            fb.localSet(l);
            L.locals.set(v, l);
        }
        else
            L.locals.delete(v);
        v.ty = t;
        for (const u of plan.uses.get(v) ?? [])
            retype(u, t);
    }
    for (const e of plan.exprs)
        retype(e, narrow(e.ty));
    const proven = L.proven;
    L.proven = plan.sites;
    body();
    L.proven = proven;
    for (const [e, t] of savedExpr)
        e.ty = t;
    for (const [v, s] of savedVar) {
        v.ty = s.ty;
        if (s.local === undefined)
            L.locals.delete(v);
        else
            L.locals.set(v, s.local);
    }
}
