import type { Diagnostic } from "./diagnostic.js";
/**
 * Thrown when a kernel cannot be compiled. `message` names the first problem with its position
 * (file:line:column when the kernel's file is known) and what to do; `diagnostics` holds them all.
 */
export declare class ParforCompileError extends Error {
    readonly diagnostics: readonly Diagnostic[];
    name: string;
    readonly code: string;
    readonly line: number;
    readonly column: number;
    constructor(message: string, diagnostics: readonly Diagnostic[]);
}
