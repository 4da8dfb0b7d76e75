import type { Expr, Stmt, Var } from "./ir.js";
/** Calls `f` on every expression (and sub-expression) in `stmts`, nested loops and pranges included. */
export declare function forEachExprInStmts(stmts: readonly Stmt[], f: (e: Expr) => void): void;
export declare function forEachExprInStmt(s: Stmt, f: (e: Expr) => void): void;
/** Calls `f` on every statement in `stmts`, depth first, parents before children. */
export declare function forEachStmt(stmts: readonly Stmt[], f: (s: Stmt) => void): void;
/** Whether `e` reads or writes `v` anywhere. */
export declare function exprMentions(e: Expr, v: Var): boolean;
/** Calls `f` on `e` and every sub-expression, parents first. */
export declare function visitExpr(e: Expr, f: (e: Expr) => void): void;
/** Calls `f` on each direct sub-expression of `e`, in evaluation order. */
export declare function forEachChild(e: Expr, f: (e: Expr) => void): void;
