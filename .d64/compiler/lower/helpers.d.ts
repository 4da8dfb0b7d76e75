/**
 * Module-level helper functions that JavaScript semantics need and wasm lacks as one instruction.
 * Every kernel module gets all of them (a few hundred bytes), so their indices are fixed.
 */
import { type ModuleBuilder } from "./wasm/encoder.js";
export interface Helpers {
    /** ToInt32(f64) -> i32, modular as in JavaScript */
    readonly toInt32: number;
    /** Math.round(f64) -> f64 */
    readonly round: number;
    /** Math.sign(f64) -> f64 */
    readonly sign: number;
    /** Uint8ClampedArray store conversion (f64) -> i32 */
    readonly clampU8: number;
    /** i32 % i32 -> f64, with NaN for % 0 and -0 for negative dividends */
    readonly remI: number;
}
export declare function addHelpers(m: ModuleBuilder): Helpers;
