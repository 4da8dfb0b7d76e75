/**
 * Hand-written serial versions of the examples: the same arithmetic as each example's `plain`
 * function, with a plain `for (let i = ...; i < n; i++)` loop instead of iterating `prange`.
 * This is what a careful JavaScript programmer would write without parfor.
 */
import type { Runner } from "./example.js";
/** The hand-written loop version of each example, by example name. */
export declare const loops: Readonly<Record<string, Runner>>;
