/**
 * Argument checking and the specialisation key of a call, like Numba's dispatcher: each
 * parameter is `f` (a number), `i` (a number that is an int32 and not -0: compiled with integer
 * arithmetic where that is exact), `s` (an integer from 0 to 2^20: products of two such values, as
 * in `i * n + j`, are exact 64-bit integers, and never -0 since neither factor is negative), `b` (a boolean) or a
 * typed-array kind.
 */
import type { ArrayKind } from "../compiler/artifact.js";
import type { KernelShape, ParamType } from "../compiler/interface.js";
/**
 * The typed-array kind of `x` (from its internal slot: a subclass counts as its base kind), or
 * null, also for a view that has no elements to give: its buffer detached, or a parfor.array freed.
 */
export declare function arrayKind(x: unknown): ArrayKind | null;
/** Checks `args` against the kernel's parameters and returns the parameter types of this call. */
export declare function signatureOf(name: string, shape: KernelShape, args: readonly unknown[]): ParamType[];
