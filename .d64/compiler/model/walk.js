/** Calls `f` on every expression (and sub-expression) in `stmts`, nested loops and pranges included. */
export function forEachExprInStmts(stmts, f) {
    for (const s of stmts)
        forEachExprInStmt(s, f);
}
export function forEachExprInStmt(s, f) {
    switch (s.k) {
        case "expr":
            visitExpr(s.e, f);
            break;
        case "let":
            if (s.init)
                visitExpr(s.init, f);
            break;
        case "return":
            if (s.e)
                visitExpr(s.e, f);
            break;
        case "if":
            visitExpr(s.c, f);
            forEachExprInStmts(s.t, f);
            forEachExprInStmts(s.f, f);
            break;
        case "loop":
            forEachExprInStmts(s.init, f);
            if (s.cond)
                visitExpr(s.cond, f);
            if (s.update)
                visitExpr(s.update, f);
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
export function forEachStmt(stmts, f) {
    for (const s of stmts) {
        f(s);
        if (s.k === "if") {
            forEachStmt(s.t, f);
            forEachStmt(s.f, f);
        }
        else if (s.k === "loop") {
            forEachStmt(s.init, f);
            forEachStmt(s.body, f);
        }
        else if (s.k === "prange" || s.k === "block")
            forEachStmt(s.body, f);
    }
}
/** Whether `e` reads or writes `v` anywhere. */
export function exprMentions(e, v) {
    let found = false;
    visitExpr(e, (x) => {
        if ((x.k === "var" && x.v === v) || ((x.k === "assign" || x.k === "update") && x.target === v))
            found = true;
    });
    return found;
}
/** Calls `f` on `e` and every sub-expression, parents first. */
export function visitExpr(e, f) {
    f(e);
    forEachChild(e, (x) => visitExpr(x, f));
}
/** Calls `f` on each direct sub-expression of `e`, in evaluation order. */
export function forEachChild(e, f) {
    switch (e.k) {
        case "load":
            f(e.ref.index);
            break;
        case "unary":
            f(e.e);
            break;
        case "binary":
        case "logical":
            f(e.l);
            f(e.r);
            break;
        case "cond":
            f(e.c);
            f(e.t);
            f(e.f);
            break;
        case "call":
            for (const a of e.args)
                f(a);
            break;
        case "assign":
            f(e.value);
            break;
        case "store":
            f(e.ref.index);
            f(e.value);
            break;
        case "updateElem":
            f(e.ref.index);
            break;
        case "comma":
            for (const x of e.es)
                f(x);
            break;
        case "newArray":
            f(e.len);
            break;
        case "atomic":
            f(e.ref.index);
            for (const a of e.args)
                f(a);
            break;
        default:
            break;
    }
}
