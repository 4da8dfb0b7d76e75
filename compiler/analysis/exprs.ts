/** Small structural queries on expressions used by the loop analysis. */
import { exprMentions, visitExpr } from "../model/walk.js";
import type { Expr, Var } from "../model/ir.js";

/** Whether `e` reads or writes `v`. */
export function mentions(e: Expr, v: Var): boolean {
  return exprMentions(e, v);
}

/** No assignments, stores, updates, Atomics or calls of Math.random. */
export function isPure(e: Expr): boolean {
  let pure = true;
  visitExpr(e, (x) => {
    if (x.k === "assign" || x.k === "store" || x.k === "update" || x.k === "updateElem" || x.k === "atomic" || (x.k === "call" && x.fn === "random")) pure = false;
  });
  return pure;
}

/** Structural equality of two pure expressions (same variables, operators, constants). */
export function exprEquals(a: Expr, b: Expr): boolean {
  if (a.k !== b.k) return false;
  switch (a.k) {
    case "num":
      return Object.is(a.value, (b as typeof a).value);
    case "bool":
      return a.value === (b as typeof a).value;
    case "var":
      return a.v === (b as typeof a).v;
    case "length":
      return a.array === (b as typeof a).array;
    case "load":
      return a.ref.array === (b as typeof a).ref.array && exprEquals(a.ref.index, (b as typeof a).ref.index);
    case "unary":
      return a.op === (b as typeof a).op && exprEquals(a.e, (b as typeof a).e);
    case "binary":
    case "logical": {
      const c = b as typeof a;
      return a.op === c.op && exprEquals(a.l, c.l) && exprEquals(a.r, c.r);
    }
    case "cond": {
      const c = b as typeof a;
      return exprEquals(a.c, c.c) && exprEquals(a.t, c.t) && exprEquals(a.f, c.f);
    }
    case "call": {
      const c = b as typeof a;
      return a.fn === c.fn && a.args.length === c.args.length && a.args.every((x, i) => exprEquals(x, c.args[i]!));
    }
    default:
      return false;
  }
}
