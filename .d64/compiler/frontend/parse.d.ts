import type { Locator } from "../diagnostics/diagnostic.js";
import { type TS } from "./typescript.js";
/** A kernel's function node with what later phases need to report positions. */
export interface ParsedKernel {
    readonly fn: TS.ArrowFunction | TS.FunctionExpression | TS.FunctionDeclaration | TS.MethodDeclaration;
    readonly sourceFile: TS.SourceFile;
    /** offset of the kernel text inside `sourceFile.text` */
    readonly base: number;
    /** maps an offset in sourceFile.text to a 1-based line/column of the kernel text */
    readonly locate: Locator;
}
/**
 * Parses the text of one function (what `fn.toString()` returns: an arrow function, a function
 * expression or declaration, or a method) with the TypeScript parser. Returns an error string
 * when the text is not one function.
 */
export declare function parseKernel(source: string): ParsedKernel | string;
