/**
 * Array values: an array variable is a pair of i32 locals, its base address and its length.
 * `const t = new K(n)` fills them from this thread's arena (runtime/arena.ts); `let s = a`,
 * `s = d` and `s = c ? a : b` copy another array's pair (the `?:` as an if/else, each arm
 * copying one pair), so an access through `s` is bounds-checked against the length of whichever
 * array it holds. A variable declared without a value holds no array: length 0, so any access
 * is the bounds error. Array variables are only assigned in the leader's function (arrays.ts
 * refuses assignments inside prange loops); a prange reads their current pair from the frame.
 */
import type { ArrayKind } from "../artifact.js";
import type { Expr, Var } from "../model/ir.js";
import type { FnLowerer } from "./fn.js";
export declare const ELEMENT_BYTES: Record<ArrayKind, number>;
type Pair = {
    readonly base: number;
    readonly len: number;
};
/** `let v = init` for an array variable. */
export declare function emitArrayLet(L: FnLowerer, v: Var, init: Expr | null): void;
/** `v = value` for an array variable (a statement of its own: arrays.ts refuses it as a value). */
export declare function emitArrayAssign(L: FnLowerer, v: Var, value: Expr): void;
/**
 * `return e` of an array: its length goes to the frame's return slot, its base is main's result
 * (the runtime gives back the argument with that base and length, else a copy of the kernel's own
 * array, which stays in this thread's arena until the next call resets it).
 */
export declare function emitArrayReturn(L: FnLowerer, e: Expr): void;
/** Sets `dest` to the base and length of the array `e` (a variable, `new K(n)`, or `?:` of them). */
export declare function emitArrayValue(L: FnLowerer, e: Expr, dest: Pair): void;
export {};
