import type { Expr, Var } from "../model/ir.js";
/** Whether `e` reads or writes `v`. */
export declare function mentions(e: Expr, v: Var): boolean;
/** No assignments, stores, updates, Atomics or calls of Math.random. */
export declare function isPure(e: Expr): boolean;
/** Structural equality of two pure expressions (same variables, operators, constants). */
export declare function exprEquals(a: Expr, b: Expr): boolean;
