/**
 * Deep copies of model expressions and statements, used where one piece of source becomes several
 * pieces of model: a helper's argument substituted at every use of its parameter (build.ts), and a
 * statement versioned once per array an array local may hold (arrays.ts). Every copy gets its own
 * nodes (passes annotate nodes in place and key maps by them) and its own access sites; a
 * statement copy also gets its own variables for everything it declares, its own loops (breaks
 * retargeted) and its own pranges.
 */
import type { Expr, LoopStmt, Pos, PrangeStmt, Stmt, Var } from "./ir.js";
export interface CloneCtx {
    /** variables replaced in the copy (filled with the declarations the copy makes) */
    readonly vars: Map<Var, Var>;
    /** arrays replaced in the copy's accesses and lengths */
    readonly arrays?: ReadonlyMap<Var, Var>;
    /** a new access site for a copied access (returns its index) */
    readonly site: (array: Var, pos: Pos) => number;
    /** a new variable like `v`, owned by `owner` */
    readonly declare?: (v: Var, owner: PrangeStmt | null) => Var;
    /** a copied parallel prange (for the kernel's list) */
    readonly prange?: (p: PrangeStmt) => void;
    /** the prange owning declarations being copied */
    owner?: PrangeStmt | null;
    /** copied loops, for break/continue */
    readonly loops?: Map<LoopStmt | PrangeStmt, LoopStmt | PrangeStmt>;
    /** a copied return (for the kernel's list) */
    readonly ret?: (r: Pos & {
        e: Expr | null;
    }) => void;
}
/** A deep copy of `e` (positions kept, or all set to `at`). */
export declare function cloneExpr(e: Expr, c: CloneCtx, at?: Pos): Expr;
/** A deep copy of statements (needs `declare`, `loops` and, for pranges, `prange`). */
export declare function cloneStmts(ss: readonly Stmt[], c: CloneCtx): Stmt[];
export declare function cloneStmt(s: Stmt, c: CloneCtx): Stmt;
