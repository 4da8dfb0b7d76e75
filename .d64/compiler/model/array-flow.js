import { forEachExprInStmts, forEachStmt } from "./walk.js";
/** The variables an array-valued `e` (a variable or `?:` of them) may be. */
function arms(e, out) {
    if (e.k === "var") {
        out.push(e.v);
        return true;
    }
    if (e.k === "cond")
        return arms(e.t, out) && arms(e.f, out);
    return e.k === "newArray";
}
/** Marks (provisionally Float64Array) every variable connected by assignments to an array variable. */
export function flowArrayness(k) {
    const edges = [];
    const link = (target, value) => {
        const vs = [];
        if (!arms(value, vs))
            return;
        if (value.k === "newArray" || (value.k === "cond" && hasNew(value)))
            target.array ??= "Float64Array";
        edges.push([target, ...vs]);
    };
    forEachStmt(k.body, (s) => {
        if (s.k === "let" && s.init)
            link(s.v, s.init);
        // `return c ? a : b`: the arms are one value
        if (s.k === "return" && s.e && s.e.k === "cond") {
            const vs = [];
            if (arms(s.e, vs) && vs.length > 1)
                edges.push(vs);
        }
    });
    forEachExprInStmts(k.body, (e) => {
        if (e.k === "assign" && e.op === "=")
            link(e.target, e.value);
    });
    for (let changed = true; changed;) {
        changed = false;
        for (const group of edges) {
            if (!group.some((v) => v.array !== undefined) || group.every((v) => v.array !== undefined))
                continue;
            for (const v of group)
                if (v.array === undefined && v.kind !== "index") {
                    v.array = "Float64Array";
                    changed = true;
                }
        }
    }
}
function hasNew(e) {
    return e.k === "newArray" || (e.k === "cond" && (hasNew(e.t) || hasNew(e.f)));
}
