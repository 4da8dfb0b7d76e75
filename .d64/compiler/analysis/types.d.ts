import type { ParamType } from "../interface.js";
import type { DiagnosticSink } from "../diagnostics/diagnostic.js";
import { type Kernel, type Stmt, type Ty } from "../model/ir.js";
export type { ParamType } from "../interface.js";
/** Bound of the `s` (small integer) parameter kind. */
export declare const SMALL_INT: number;
/** Least upper bound; null when a boolean meets a number. */
export declare function join(a: Ty | null, b: Ty | null): Ty | null | "mixed";
/** Infers the types of every variable and expression of `k` for the given parameter types. */
export declare function inferTypes(k: Kernel, params: readonly ParamType[], sink: DiagnosticSink): void;
/** Whether every path through `stmts` ends in a return. */
export declare function definitelyReturns(stmts: readonly Stmt[]): boolean;
