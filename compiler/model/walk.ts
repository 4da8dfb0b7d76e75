import type { Expr, Stmt, Var } from "./ir.js";

/** Calls `f` on every expression (and sub-expression) in `stmts`, nested loops and pranges included. */
export function forEachExprInStmts(stmts: readonly Stmt[], f: (e: Expr) => void): void {
  for (const s of stmts) forEachExprInStmt(s, f);
}

export function forEachExprInStmt(s: Stmt, f: (e: Expr) => void): void {
  switch (s.k) {
    case "expr":
      visitExpr(s.e, f);
      break;
    case "let":
      if (s.init) visitExpr(s.init, f);
      break;
    case "return":
      if (s.e) visitExpr(s.e, f);
      break;
    case "if":
      visitExpr(s.c, f);
      forEachExprInStmts(s.t, f);
      forEachExprInStmts(s.f, f);
      break;
    case "loop":
      forEachExprInStmts(s.init, f);
      if (s.cond) visitExpr(s.cond, f);
      if (s.update) visitExpr(s.update, f);
      forEachExprInStmts(s.body, f);
      break;
    case "prange":
      visitExpr(s.rangeStart, f);
      visitExpr(s.rangeStop, f);
      visitExpr(s.rangeStep, f);
      forEachExprInStmts(s.body, f);
      break;
    case "block":
      forEachExprInStmts(s.body, f);
      break;
    default:
      break;
  }
}

/** Calls `f` on every statement in `stmts`, depth first, parents before children. */
export function forEachStmt(stmts: readonly Stmt[], f: (s: Stmt) => void): void {
  for (const s of stmts) {
    f(s);
    if (s.k === "if") {
      forEachStmt(s.t, f);
      forEachStmt(s.f, f);
    } else if (s.k === "loop") {
      forEachStmt(s.init, f);
      forEachStmt(s.body, f);
    } else if (s.k === "prange" || s.k === "block") forEachStmt(s.body, f);
  }
}

/** Whether `e` reads or writes `v` anywhere. */
export function exprMentions(e: Expr, v: Var): boolean {
  let found = false;
  visitExpr(e, (x) => {
    if ((x.k === "var" && x.v === v) || ((x.k === "assign" || x.k === "update") && x.target === v)) found = true;
  });
  return found;
}

/** Calls `f` on `e` and every sub-expression, parents first. */
export function visitExpr(e: Expr, f: (e: Expr) => void): void {
  f(e);
  switch (e.k) {
    case "load":
      visitExpr(e.ref.index, f);
      break;
    case "unary":
      visitExpr(e.e, f);
      break;
    case "binary":
    case "logical":
      visitExpr(e.l, f);
      visitExpr(e.r, f);
      break;
    case "cond":
      visitExpr(e.c, f);
      visitExpr(e.t, f);
      visitExpr(e.f, f);
      break;
    case "call":
      for (const a of e.args) visitExpr(a, f);
      break;
    case "assign":
      visitExpr(e.value, f);
      break;
    case "store":
      visitExpr(e.ref.index, f);
      visitExpr(e.value, f);
      break;
    case "updateElem":
      visitExpr(e.ref.index, f);
      break;
    case "comma":
      for (const x of e.es) visitExpr(x, f);
      break;
    case "newArray":
      visitExpr(e.len, f);
      break;
    case "atomic":
      visitExpr(e.ref.index, f);
      for (const a of e.args) visitExpr(a, f);
      break;
    default:
      break;
  }
}
