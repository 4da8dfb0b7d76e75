import type { DiagnosticSink } from "../diagnostics/diagnostic.js";
import type { ParsedKernel } from "../frontend/parse.js";
import { type Kernel } from "./ir.js";
import type { GlobalValue } from "../interface.js";
export type { GlobalValue } from "../interface.js";
/** Options that change how names resolve. */
export interface BuildOptions {
    readonly globals?: Readonly<Record<string, GlobalValue>>;
}
/** A helper in `globals`: a function, or its text as `{ fn: text }` (what crosses to a compile worker). */
export declare function isFunctionGlobal(v: unknown): v is Function | {
    readonly fn: string;
};
/** Builds the model of a parsed kernel; problems go to `sink`. */
export declare function buildKernel(parsed: ParsedKernel, sink: DiagnosticSink, options?: BuildOptions): Kernel;
