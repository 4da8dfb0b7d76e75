import { type HelperGlobal } from "./module-helpers.js";
/**
 * Values bound to a kernel's free variables: by `parallel(fn, { globals: { ... } })`, and the
 * module-level functions and constants of the file that the kernel calls or reads (a function as
 * `{ fn: text }`), which `parfor build` and the bundler plugin bind the same way.
 */
export type Globals = Readonly<Record<string, HelperGlobal>>;
export interface FoundKernel {
    /** the function's text, as `fn.toString()` would give it */
    readonly text: string;
    /**
     * the `globals` of the `parallel(fn, { globals })` call in this file that wraps or names this
     * function (number and boolean literals, `-` literals included; a name of a function declared at
     * the file's top level binds that function; any other value binds the name as 0, which is what it
     * must be to compile: a number), and the file's top-level functions and constants the kernel
     * calls or reads (and those call in turn)
     */
    readonly globals?: Globals;
    /** offset of the text in the file */
    readonly start: number;
    /** 1-based line and column where the text starts */
    readonly line: number;
    readonly column: number;
    /** the function's name, else the variable, property or export it is bound to (through `parallel(...)`), else "anonymous" */
    readonly name: string;
}
/** Parse errors of the file, if it does not parse. */
export interface FindResult {
    readonly kernels: readonly FoundKernel[];
    readonly parseErrors: readonly {
        readonly message: string;
        readonly line: number;
        readonly column: number;
    }[];
}
export declare function findKernels(fileName: string, text: string): FindResult;
