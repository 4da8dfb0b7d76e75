/** Small structural queries on expressions used by the loop analysis. */
import { exprMentions, visitExpr } from "../model/walk.js";
/** Whether `e` reads or writes `v`. */
export function mentions(e, v) {
    return exprMentions(e, v);
}
/** No assignments, stores, updates, Atomics or calls of Math.random. */
export function isPure(e) {
    let pure = true;
    visitExpr(e, (x) => {
        if (x.k === "assign" || x.k === "store" || x.k === "update" || x.k === "updateElem" || x.k === "atomic" || (x.k === "call" && x.fn === "random"))
            pure = false;
    });
    return pure;
}
/** Structural equality of two pure expressions (same variables, operators, constants). */
export function exprEquals(a, b) {
    if (a.k !== b.k)
        return false;
    switch (a.k) {
        case "num":
            return Object.is(a.value, b.value);
        case "bool":
            return a.value === b.value;
        case "var":
            return a.v === b.v;
        case "length":
            return a.array === b.array;
        case "load":
            return a.ref.array === b.ref.array && exprEquals(a.ref.index, b.ref.index);
        case "unary":
            return a.op === b.op && exprEquals(a.e, b.e);
        case "binary":
        case "logical": {
            const c = b;
            return a.op === c.op && exprEquals(a.l, c.l) && exprEquals(a.r, c.r);
        }
        case "cond": {
            const c = b;
            return exprEquals(a.c, c.c) && exprEquals(a.t, c.t) && exprEquals(a.f, c.f);
        }
        case "call": {
            const c = b;
            return a.fn === c.fn && a.args.length === c.args.length && a.args.every((x, i) => exprEquals(x, c.args[i]));
        }
        default:
            return false;
    }
}
