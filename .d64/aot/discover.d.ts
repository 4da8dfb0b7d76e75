import type { ParamType } from "../compiler/index.js";
import { type HelperGlobal } from "../compiler/frontend/module-helpers.js";
export declare const ARRAY_KINDS: Set<string>;
/** Where something is in the project. */
export interface Where {
    readonly file: string;
    readonly line: number;
    readonly column: number;
}
export interface FoundKernel {
    /** the `parallel()` call */
    readonly call: Where;
    readonly name: string;
    /** where the kernel function's TypeScript text starts, and that text (for diagnostics) */
    readonly at: Where & {
        readonly offset: number;
    };
    readonly tsText: string;
    /** what fn.toString() returns at run time */
    readonly jsText: string;
    /** where jsText came from */
    readonly emitted: string;
    /** the kinds each parameter may have at run time (number: s, i and f) */
    readonly kinds: readonly (readonly ParamType[])[];
    readonly paramNames: readonly string[];
    readonly globals: Readonly<Record<string, number | boolean>> | undefined;
    /** the call's options say `fallback: "js"`: if the kernel cannot compile it runs as plain JavaScript */
    readonly fallback: boolean;
    /**
     * the module-level functions and constants of the project the kernel calls or reads (from the
     * emitted JavaScript), bound as globals when it is compiled; not part of its key, which is what
     * the run time computes from `fn.toString()` and the call's own globals
     */
    readonly helpers: Readonly<Record<string, HelperGlobal>> | undefined;
    /** the emitted files those helpers come from (their contents are checked at run time) */
    readonly helperFiles: readonly string[];
}
export interface Skipped extends Where {
    readonly reason: string;
}
export interface Discovery {
    readonly kernels: readonly FoundKernel[];
    readonly skipped: readonly Skipped[];
    readonly outDir: string;
}
/** A problem with the project's configuration (not a kernel's): the build stops, with this message, before it looks at any file. */
export declare class ProjectError extends Error {
}
export declare function discover(tsconfig: string, outDirOption?: string): Discovery;
