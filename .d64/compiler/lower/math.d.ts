/**
 * Math.* and Number.* calls. Functions wasm has as instructions (sqrt, floor, min, ...) are
 * emitted inline with JavaScript's exact semantics; the others call parfor's math library, linked
 * into the module (mathlink.ts), or an import: bit-identical to V8's Math either way.
 */
import type { Expr, Ty } from "../model/ir.js";
import type { FnLowerer } from "./fn.js";
/** Name under which an imported Math function is declared: `name/arity`. */
export declare function mathImportKey(fn: string, arity: number): string;
/**
 * The import's field name: the function's own name, except hypot with other than two arguments
 * (`hypot_3`): one wasm import has one signature, and the math library's hypot takes two.
 */
export declare function mathImportField(fn: string, arity: number): string;
export declare function emitCall(L: FnLowerer, fn: string, args: readonly Expr[], ty: Ty): void;
/**
 * Code inlined per function at most: each inlined call adds its body (sin: 1.5 kB, pow: 2 kB,
 * the two-lane exp: 1.2 kB, in each of a two-lane loop's three copies of the body) to what V8
 * compiles.
 */
export declare const INLINE_BUDGET: number;
/**
 * Calls math function `fn` (arguments on the stack). Inside a loop, a function linked from the
 * math library is inlined instead: no call and return per element, and V8 keeps the loop's
 * values in registers across it (integral2d's inner loop: 78 -> 71 ms measured in isolation).
 */
export declare function callMath(L: FnLowerer, fn: string, arity: number, inLoop?: boolean): void;
