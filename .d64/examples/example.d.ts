/**
 * What every example shares: the Example record the demo and the bench run, input helpers and
 * result checks. An example file defines its kernel once as a plain function (`plain`), wraps it
 * with `parallel`, and describes how to make its input and how to tell a right answer.
 */
import { type ParallelOptions } from "../index.js";
/** The typed arrays a kernel may take. */
export type NumArray = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array | Uint8ClampedArray;
/** A kernel argument: a number, a boolean or a typed array. */
export type Arg = number | boolean | NumArray;
/** A single result value: a returned scalar or an array the kernel wrote. */
export type Value = number | boolean | NumArray;
/** The observable result of one call: one value, or several (e.g. an output array and the return value). */
export type Output = Value | readonly Value[];
/** The outcome of a check, with a short human-readable reason. */
export interface Check {
    readonly ok: boolean;
    readonly detail: string;
}
/** A callable kernel with its argument types erased, as the demo and the bench use it. */
export type Runner = (...args: Arg[]) => unknown;
/** One example, type-erased so a list of different examples can be run by the same code. */
export interface Example {
    /** short name, also the key of the bench's hand-written loop version */
    readonly name: string;
    /** one line: what it computes and at what size */
    readonly title: string;
    /** the unwrapped function: ordinary JavaScript where prange is an iterable */
    readonly plain: Runner;
    /** the options it is compiled with (the bench adds `threads`) */
    readonly options: ParallelOptions;
    /** `parallel(plain, options)` */
    readonly kernel: Runner;
    /** builds a fresh input; every timed variant runs on its own copy of one input */
    readonly makeInput: () => Arg[];
    /** picks the result out of a call's return value and arguments */
    readonly output: (ret: unknown, args: readonly Arg[]) => Output;
    /** judges a parfor result against exact math or the plain function's result `ref` */
    readonly check: (got: Output, ref: Output) => Check;
}
/** The typed pieces an example file provides; `defineExample` erases the types. */
export interface ExampleSpec<A extends Arg[], R> {
    readonly name: string;
    readonly title: string;
    readonly plain: (...args: A) => R;
    readonly kernel: (...args: A) => R;
    readonly options?: ParallelOptions;
    readonly makeInput: () => A;
    /** default: the return value */
    readonly output?: (ret: R, args: A) => Output;
    readonly check: (got: Output, ref: Output) => Check;
}
/** Turns a typed spec into an Example. */
export declare function defineExample<A extends Arg[], R>(spec: ExampleSpec<A, R>): Example;
/** `parallel(example.plain, {...example.options, ...extra})`: the same kernel with other settings. */
export declare function compileWith(example: Example, extra: ParallelOptions): Runner;
/** Copies the arguments: typed arrays into fresh ordinary arrays, scalars as they are. */
export declare function copyArgs(args: readonly Arg[]): Arg[];
/** Copies the arguments with typed arrays placed on parfor's shared memory (`array`, zero copy). */
export declare function sharedArgs(args: readonly Arg[]): Arg[];
/**
 * Copies `input`'s arrays back into `args` (a copy made by copyArgs or sharedArgs), so every run
 * starts from the same state and a call that silently does nothing cannot pass its check by
 * leaving an earlier call's output in place.
 */
export declare function restoreArgs(args: readonly Arg[], input: readonly Arg[]): void;
/** A small deterministic generator (mulberry32) so every run sees the same "random" input. */
export declare function rng(seed: number): () => number;
/** A Float64Array of n values uniform in [lo, hi). */
export declare function randomArray(n: number, seed: number, lo?: number, hi?: number): Float64Array;
/** |got - want| <= tol * max(1, |want|): relative for big values, absolute near zero. */
export declare function near(got: Output, want: number, tol: number, what?: string): Check;
/** Exact equality with a number computed by exact math. */
export declare function exactly(got: Output, want: number, what?: string): Check;
/** Whether a value is a typed array. */
export declare function isNumArray(v: unknown): v is NumArray;
/** Element-wise comparison of two arrays, each element within tol (relative, as in `near`). */
export declare function sameArray(got: Output, ref: Output, tol?: number): Check;
/** Both checks must pass. */
export declare function both(a: Check, b: Check): Check;
