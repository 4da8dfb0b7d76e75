import { type InlineBody } from "./wasm/decoder.js";
import { type ModuleBuilder } from "./wasm/encoder.js";
/** A plan: which of `names` (with their wanted arity) will be linked in. */
export interface MathPlan {
    readonly linked: ReadonlySet<string>;
    readonly functions: readonly number[];
}
/** Decides which math functions can be linked; call before declaring imports. */
export declare function planMath(names: readonly {
    name: string;
    arity: number;
}[]): MathPlan;
/** A linked function's body, ready for `emitInlined` with `links`. */
export interface LinkedBody {
    readonly body: InlineBody;
    readonly links: {
        func(i: number): number;
        global(i: number): number;
    };
}
/** What `linkMath` added to a kernel module. */
export interface LinkedMath {
    /** function index in the module of each linked name */
    readonly indices: ReadonlyMap<string, number>;
    /** the body of linked function `name`, to inline instead of calling it; null if it cannot be */
    body(name: string): LinkedBody | null;
}
/**
 * Copies the planned functions and the library's globals into `m` (after its imports, with
 * `scratchImport` the index of the imported `env.mathScratch` global).
 */
export declare function linkMath(m: ModuleBuilder, plan: MathPlan, scratchImport: number): LinkedMath;
/**
 * The library's two-lane version of `name` (export `<name>_f64x2`, v128 -> v128 for each
 * argument), ready for a kernel to inline into its two-lane loop; null when the library lacks
 * one or it is not a leaf.
 */
export declare function laneFunction(name: string): InlineBody | null;
