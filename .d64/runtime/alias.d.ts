/**
 * The call-time aliasing check: two array arguments that share memory, where the kernel writes
 * one and reads the other in a prange, can create a dependence between iterations that the
 * static analysis could not see. The test is a cheap byte-range overlap over the arguments; only
 * when it fires is the kernel asked (once) which pairs matter. Such a call is reported once per
 * kernel (PF2008) and runs on one thread, chunks in order, which gives the plain function's
 * answer; with the option `aliasing: "error"` (or PARFOR_ALIASING=error) it is refused with a
 * TypeError instead.
 */
import type { GlobalValue } from "../compiler/index.js";
import type { RunSettings } from "./options.js";
/**
 * Whether views `a` and `b` share at least one byte. Views on parfor's memory made before and
 * after it grew hold different SharedArrayBuffer objects over the same memory: offsets decide.
 */
export declare function overlaps(a: ArrayBufferView, b: ArrayBufferView): boolean;
/** The first pair of arguments whose overlap creates a dependence (names of the written and the other), or null. */
export declare function aliasHazard(source: string, paramNames: () => readonly string[], globals: Readonly<Record<string, GlobalValue>> | undefined, args: readonly unknown[]): {
    readonly written: string;
    readonly other: string;
    readonly cacheKey: string;
} | null;
/** What PF2008 says of a call that runs on one thread (or is refused). */
export declare function aliasMessage(name: string, written: string, other: string, refuse: boolean): string;
/** The settings a call runs with: one thread when aliased arguments create a dependence. */
export declare function aliasSettings(source: string, name: string, paramNames: () => readonly string[], globals: Readonly<Record<string, GlobalValue>> | undefined, args: readonly unknown[], settings: RunSettings, policy?: "serial" | "error"): RunSettings;
/** The aliasing policy of a kernel: its option, else PARFOR_ALIASING, else "serial". */
export declare function aliasPolicy(policy?: "serial" | "error"): "serial" | "error";
