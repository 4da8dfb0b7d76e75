import { pointsToOf } from "../analysis/points-to.js";
import { forEachExprInStmt, forEachExprInStmts, forEachStmt } from "../model/walk.js";
/** The overwrite proof of array parameter `p`, or null. */
export function overwriteOf(k, p) {
    const pt = pointsToOf(k);
    const mine = (e) => (e.k === "load" || e.k === "store" || e.k === "updateElem" || e.k === "atomic") && pt.holds(e).some((o) => o.param === p);
    const touches = (s) => {
        let hit = false;
        forEachExprInStmt(s, (e) => (hit ||= mine(e)));
        return hit;
    };
    const first = k.body.findIndex(touches);
    if (first < 0)
        return null;
    const loop = k.body[first];
    if (loop.k !== "prange" || k.body.slice(0, first).some((s) => has(s, "return")))
        return null;
    if (!isNum(loop.rangeStart, 0) || !isNum(loop.rangeStep, 1))
        return null;
    const stop = stopOf(k, loop.rangeStop);
    if (!stop || p.alias)
        return null;
    const runs = (body, upTo) => body.slice(0, upTo).every((s) => !has(s, "continue") && !has(s, "return") && !has(s, "break"));
    const count = (ss) => {
        let n = 0;
        forEachExprInStmts(ss, (e) => (n += mine(e) ? 1 : 0));
        return n;
    };
    const locals = singleDefinitions(k);
    /** The row lengths and record width of the covering stores in `body`, given the counters and rows around them. */
    const cover = (body, counters, rows) => {
        const at = body.findIndex(touches);
        if (at < 0 || !runs(body, at))
            return null;
        const s = body[at];
        const isStore = (x) => !!x && x.k === "expr" && x.e.k === "store" && x.e.op === "=" && x.e.ref.array === p && count([x]) === 1;
        if (isStore(s)) {
            // a run of c consecutive stores at c * position + 0 .. c - 1 (interleaved records: re, im),
            // or else the first store alone
            let run = 1;
            while (isStore(body[at + run]))
                run++;
            const atoms = new Atoms(k, counters, rows, locals);
            const records = (c) => {
                const base = scale(layout(counters, rows), c);
                const got = [];
                const offsets = new Set();
                for (const x of body.slice(at, at + c)) {
                    const g = x.k === "expr" && x.e.k === "store" ? atoms.poly(x.e.ref.index) : null;
                    const d = g && add(g, scale(base, -1));
                    const o = d && (d.size === 0 || (d.size === 1 && d.has(""))) ? (d.get("") ?? 0) : -1;
                    if (!g || o < 0 || o >= c || offsets.has(o))
                        return null;
                    offsets.add(o);
                    got.push(g);
                }
                return got;
            };
            for (const c of run > 1 ? [run, 1] : [1]) {
                const got = records(c);
                if (!got)
                    continue;
                // after the stores: stores anywhere, reads only of the elements just written
                let ok = true;
                forEachExprInStmts(body.slice(at + c), (e) => {
                    if (!mine(e) || (e.k === "store" && e.op === "="))
                        return;
                    const x = e.k === "load" || e.k === "store" || e.k === "updateElem" || e.k === "atomic" ? atoms.poly(e.ref.index) : null;
                    ok &&= !!x && got.some((g) => samePoly(x, g));
                });
                return ok ? { rows: [...rows], width: c } : null;
            }
            return null;
        }
        const row = s.k === "loop" ? rowLoop(k, s) : null;
        if (!row || has(s, "break") || has(s, "return") || count(body.slice(at + 1)) !== 0)
            return null;
        return cover(s.body, [...counters, row.j], [...rows, row.m]);
    };
    const found = cover(loop.body, [loop.index], []);
    if (!found)
        return null;
    return { stop, ...(found.rows.length ? { inner: found.rows } : {}), ...(found.width > 1 ? { width: found.width } : {}) };
}
/** Locals declared once with a value and never assigned (`const e = (k * d2 + j) * d1 + i`): their values. */
function singleDefinitions(k) {
    const decls = new Map();
    forEachStmt(k.body, (s) => {
        if (s.k === "let")
            decls.set(s.v, decls.has(s.v) ? null : s.init);
    });
    const out = new Map();
    for (const [v, init] of decls)
        if (init && !v.array && !assigned(k, v))
            out.set(v, init);
    return out;
}
/**
 * A row loop, `for (let j = 0; j < m; j++)` (or `++j`, `j += 1`) or `for (let j = m - 1; j >= 0; j--)`
 * (or `--j`, `j -= 1`), with j not assigned in its body: j and m's bound. Either visits every j in
 * [0, m) once for a whole number m.
 */
function rowLoop(k, l) {
    if (l.kind !== "for" || l.init.length !== 1)
        return null;
    const d = l.init[0];
    if (d.k !== "let" || !d.init)
        return null;
    const j = d.v;
    const c = l.cond;
    const u = l.update;
    if (!c || c.k !== "binary" || !isVar(c.l, j) || !u)
        return null;
    const step = (op, by) => (u.k === "update" && u.op === op && u.target === j) || (u.k === "assign" && u.op === by && u.target === j && isNum(u.value, 1));
    let m = null;
    if (isNum(d.init, 0) && c.op === "<" && step("++", "+="))
        m = stopOf(k, c.r);
    else if (d.init.k === "binary" && d.init.op === "-" && isNum(d.init.r, 1) && c.op === ">=" && isNum(c.r, 0) && step("--", "-="))
        m = stopOf(k, d.init.l);
    if (!m)
        return null;
    let set = false;
    forEachExprInStmts(l.body, (e) => (set ||= (e.k === "assign" || e.k === "update") && e.target === j));
    return set ? null : { j, m };
}
/**
 * The atoms an index polynomial may use: the loop counters around the store and the row lengths
 * (whole numbers at run time, marshal.ts checks them), joined by `+` and `*` with non-negative
 * integer constants. Every value is then a non-negative integer, and each intermediate is at most
 * the index or multiplied by zero, so computing it in doubles is exact whenever the index is below
 * 2^53 (larger ones are out of bounds anyway): the polynomial's value is the element stored. A
 * subtraction (`i + n - n`, which rounds for a huge n) or another parameter is not admitted.
 */
class Atoms {
    k;
    counters;
    locals;
    expanding = new Set();
    rowKeys;
    constructor(k, counters, rows, locals) {
        this.k = k;
        this.counters = counters;
        this.locals = locals;
        this.rowKeys = new Set(rows.map(boundKey));
    }
    key(e) {
        if (e.k === "var") {
            const c = this.counters.indexOf(e.v);
            if (c >= 0)
                return `c${c}`;
        }
        const b = e.k === "var" || e.k === "length" ? stopOf(this.k, e) : null;
        return b && this.rowKeys.has(boundKey(b)) ? boundKey(b) : null;
    }
    /** `e` as a polynomial over the atoms, or null when it is something else (a division, a subtraction, a call, another variable). */
    poly(e) {
        if (e.k === "num")
            return Number.isInteger(e.value) && e.value >= 0 && e.value <= 2 ** 31 ? new Map([["", e.value]]) : null;
        const a = this.key(e);
        if (a)
            return new Map([[a, 1]]);
        // a local written once from such a polynomial, by its value (its atoms are never assigned)
        const init = e.k === "var" ? this.locals.get(e.v) : undefined;
        if (init && e.k === "var" && !this.expanding.has(e.v)) {
            this.expanding.add(e.v);
            const x = this.poly(init);
            this.expanding.delete(e.v);
            return x;
        }
        if (e.k !== "binary" || (e.op !== "+" && e.op !== "*"))
            return null;
        const l = this.poly(e.l);
        const r = this.poly(e.r);
        if (!l || !r)
            return null;
        const out = e.op === "*" ? mul(l, r) : add(l, r);
        // a few factors per term: no product of row lengths can overflow to Infinity (times 0: NaN)
        return [...out.keys()].every((m) => m.split("*").length <= 8) ? out : null;
    }
}
function boundKey(b) {
    return "param" in b ? `p${b.param}` : `l${b.lengthOf}`;
}
/** i * m1 * ... * mk + j1 * m2 * ... * mk + ... + jk: the row-major position of the counters. */
function layout(counters, rows) {
    let out = new Map();
    counters.forEach((_, d) => {
        let term = new Map([[`c${d}`, 1]]);
        for (const m of rows.slice(d))
            term = mul(term, new Map([[boundKey(m), 1]]));
        out = add(out, term);
    });
    return out;
}
function add(a, b) {
    const out = new Map(a);
    for (const [m, c] of b) {
        const v = (out.get(m) ?? 0) + c;
        if (v === 0)
            out.delete(m);
        else
            out.set(m, v);
    }
    return out;
}
function scale(a, s) {
    return new Map([...a].map(([m, c]) => [m, c * s]));
}
function mul(a, b) {
    let out = new Map();
    for (const [ma, ca] of a)
        for (const [mb, cb] of b) {
            const m = [...ma.split("*"), ...mb.split("*")].filter((x) => x !== "").sort().join("*");
            out = add(out, new Map([[m, ca * cb]]));
        }
    return out;
}
function samePoly(a, b) {
    return a.size === b.size && [...a].every(([m, c]) => b.get(m) === c);
}
function isVar(e, v) {
    return e.k === "var" && e.v === v;
}
function isNum(e, n) {
    return e.k === "num" && e.value === n;
}
function has(s, kind) {
    let hit = false;
    forEachStmt([s], (x) => (hit ||= x.k === kind));
    return hit;
}
function stopOf(k, e) {
    if (e.k === "var") {
        const i = k.params.indexOf(e.v);
        if (i < 0 || e.v.array || e.v.paramKind === "b" || assigned(k, e.v))
            return null;
        return { param: i };
    }
    if (e.k === "length") {
        const held = pointsToOf(k).holds(e);
        const q = held.length === 1 ? held[0].param : null;
        const i = q ? k.params.indexOf(q) : -1;
        return i < 0 ? null : { lengthOf: i };
    }
    return null;
}
function assigned(k, v) {
    let hit = false;
    forEachExprInStmts(k.body, (e) => (hit ||= (e.k === "assign" || e.k === "update") && e.target === v));
    return hit;
}
