/**
 * The types that the run time, the ahead-of-time build and the tools share with the compiler, in
 * a module that imports nothing that reaches TypeScript's own types: the run time imports its
 * compiler types from here, so the published .d.ts files of "parfor" and "parfor/precompiled"
 * never pull node_modules/typescript/lib/typescript.d.ts into a user's type-check.
 */
import type { ArrayKind } from "./artifact.js";

export type { ArrayKind, CompiledKernel } from "./artifact.js";
export type { Diagnostic } from "./diagnostics/diagnostic.js";

/**
 * A parameter kind of a signature: `f` any number, `i` an int32, `s` a small non-negative integer
 * (0..2^20: sizes and counts; products of two stay exact in 64-bit integer arithmetic and are never
 * -0), `b` a boolean, or an array kind.
 */
export type ParamType = "f" | "i" | "s" | "b" | ArrayKind;

/** A `globals` entry: a constant, or a helper function compiled from its text. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type GlobalValue = number | boolean | Function | { readonly fn: string };

export interface CompileOptions {
  /** constants, and helper functions (compiled from their text) the kernel may call */
  readonly globals?: Readonly<Record<string, GlobalValue>>;
  /** checked mode: instrument every array access in a prange for the run-time race checker */
  readonly checkRaces?: boolean;
  /**
   * For tests of the compiler: a prange chunk whose checked-once entry test fails traps
   * (`unreachable`) instead of running the fully checked loop, so a test can tell that the fast
   * path ran. Loop-free chunks under 8 iterations, which skip the test by design, are exempt.
   */
  readonly probeFastPath?: boolean;
}

/** What the front end learns of a kernel without a signature. */
export interface KernelShape {
  readonly name: string;
  /** `atomic`: an array passed to Atomics functions (without an annotation it is checked as an Int32Array) */
  readonly params: readonly { readonly name: string; readonly isArray: boolean; readonly used: boolean; readonly annotation: ParamType | null; readonly atomic?: true }[];
}
