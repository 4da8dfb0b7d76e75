function mapVar(c, v) {
    return c.vars.get(v) ?? v;
}
function mapArray(c, v) {
    const m = mapVar(c, v);
    return c.arrays?.get(m) ?? m;
}
function ref(c, r, pos) {
    const array = mapArray(c, r.array);
    const index = cloneExpr(r.index, c);
    return { array, index, site: c.site(array, pos) };
}
/** A deep copy of `e` (positions kept, or all set to `at`). */
export function cloneExpr(e, c, at) {
    const p = at ?? { start: e.start, end: e.end };
    const x = (y) => cloneExpr(y, c, at);
    switch (e.k) {
        case "num":
            return { k: "num", value: e.value, ...p };
        case "bool":
            return { k: "bool", value: e.value, ...p };
        case "var":
            return { k: "var", v: mapVar(c, e.v), ...p };
        case "length":
            return { k: "length", array: mapArray(c, e.array), ...p };
        case "load":
            return { k: "load", ref: ref(c, e.ref, p), ...p };
        case "unary":
            return { k: "unary", op: e.op, e: x(e.e), ...p };
        case "binary":
            return { k: "binary", op: e.op, l: x(e.l), r: x(e.r), ...p };
        case "logical":
            return { k: "logical", op: e.op, l: x(e.l), r: x(e.r), ...p };
        case "cond":
            return { k: "cond", c: x(e.c), t: x(e.t), f: x(e.f), ...p };
        case "call":
            return { k: "call", fn: e.fn, args: e.args.map(x), ...p };
        case "assign":
            return { k: "assign", op: e.op, target: mapVar(c, e.target), value: x(e.value), ...p };
        case "store":
            return { k: "store", op: e.op, ref: ref(c, e.ref, p), value: x(e.value), ...p };
        case "update":
            return { k: "update", op: e.op, prefix: e.prefix, target: mapVar(c, e.target), ...p };
        case "updateElem":
            return { k: "updateElem", op: e.op, prefix: e.prefix, ref: ref(c, e.ref, p), ...p };
        case "comma":
            return { k: "comma", es: e.es.map(x), ...p };
        case "newArray":
            return { k: "newArray", kind: e.kind, len: x(e.len), ...p };
        case "atomic":
            return { k: "atomic", op: e.op, ref: ref(c, e.ref, p), args: e.args.map(x), ...p };
    }
}
function declared(c, v) {
    if (!c.declare)
        return v;
    const n = c.declare(v, c.owner ?? null);
    c.vars.set(v, n);
    return n;
}
/** A deep copy of statements (needs `declare`, `loops` and, for pranges, `prange`). */
export function cloneStmts(ss, c) {
    return ss.map((s) => cloneStmt(s, c));
}
function copyCounter(c, from, to) {
    if (from.counter && to !== from) {
        const k = from.counter;
        to.counter = { init: cloneExpr(k.init, c), bound: cloneExpr(k.bound, c), cmp: k.cmp, step: k.step };
    }
}
export function cloneStmt(s, c) {
    const p = { start: s.start, end: s.end };
    switch (s.k) {
        case "expr":
            return { k: "expr", e: cloneExpr(s.e, c), ...p };
        case "let": {
            const init = s.init ? cloneExpr(s.init, c) : null;
            const v = declared(c, s.v);
            return { k: "let", v, init, ...p };
        }
        case "return": {
            const r = { k: "return", e: s.e ? cloneExpr(s.e, c) : null, ...p };
            c.ret?.(r);
            return r;
        }
        case "if":
            return { k: "if", c: cloneExpr(s.c, c), t: cloneStmts(s.t, c), f: cloneStmts(s.f, c), ...p };
        case "block":
            return { k: "block", body: cloneStmts(s.body, c), ...p };
        case "break":
        case "continue":
            return { k: s.k, target: c.loops?.get(s.target) ?? s.target, ...p };
        case "loop": {
            const node = { k: "loop", kind: s.kind, init: [], cond: null, update: null, body: [], label: s.label, ...p };
            c.loops?.set(s, node);
            const init = cloneStmts(s.init, c);
            const cond = s.cond ? cloneExpr(s.cond, c) : null;
            const update = s.update ? cloneExpr(s.update, c) : null;
            const body = cloneStmts(s.body, c);
            for (const d of s.init)
                if (d.k === "let")
                    copyCounter(c, d.v, mapVar(c, d.v));
            return Object.assign(node, { init, cond, update, body });
        }
        case "prange": {
            const node = {
                k: "prange",
                id: s.id,
                index: s.index,
                rangeStart: cloneExpr(s.rangeStart, c),
                rangeStop: cloneExpr(s.rangeStop, c),
                rangeStep: cloneExpr(s.rangeStep, c),
                body: [],
                serial: s.serial,
                label: s.label,
                callPos: s.callPos,
                ...p,
            };
            c.loops?.set(s, node);
            const outer = c.owner ?? null;
            if (!s.serial)
                c.owner = node;
            const index = declared(c, s.index);
            const body = cloneStmts(s.body, c);
            c.owner = outer;
            const r = Object.assign(node, { index, body });
            if (!s.serial)
                c.prange?.(r);
            return r;
        }
    }
}
