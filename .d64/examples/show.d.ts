/** Small formatting helpers shared by the demo and the bench. */
import { type Output } from "./example.js";
/** A duration in ms, with a sensible unit. */
export declare function ms(t: number): string;
/** A ratio a / b as "12.3x". */
export declare function ratio(a: number, b: number): string;
/** How `ours` compares with `theirs` (two times): "3.2x faster" or "1.5x slower". */
export declare function faster(ours: number, theirs: number): string;
/** A result for a table: numbers in full, arrays by type and length. */
export declare function show(v: Output): string;
/** Pads or cuts a cell to width w (left-aligned; right-aligned when `right`). */
export declare function cell(s: string, w: number, right?: boolean): string;
/** Milliseconds spent in fn, and its return value. */
export declare function timed<T>(fn: () => T): {
    ms: number;
    value: T;
};
