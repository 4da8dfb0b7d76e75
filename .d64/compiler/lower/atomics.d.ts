import type { Expr } from "../model/ir.js";
import type { FnLowerer } from "./fn.js";
type AtomicExpr = Extract<Expr, {
    k: "atomic";
}>;
/** Pushes the value of `e` (in the representation of its type). */
export declare function emitAtomic(L: FnLowerer, e: AtomicExpr, keep: boolean): void;
export {};
