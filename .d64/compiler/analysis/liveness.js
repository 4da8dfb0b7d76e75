const join = (a, b) => a ?? b;
/** A read of `v` reachable from the start of an iteration of `loop` before any write to it. */
export function exposedRead(loop, v) {
    const ctx = { exits: new Map([[loop, { brk: null, cont: null }]]) };
    return stmts(loop.body, null, v, ctx);
}
/**
 * A read of `v` reachable after `loop` (a prange, or any statement) exits: in the rest of the
 * kernel, later loops, or the next trip of a serial loop around it. Walks out from the loop along its enclosing statements: the
 * liveness after a statement is that of the rest of its list, ending in what follows the list's
 * owner (after an if or block, the next trip or exit of a loop, nothing at the function's end).
 */
export function liveAfter(k, loop, v) {
    const chain = [];
    if (!findChain(k.body, null, loop, chain))
        return null;
    const ctx = { exits: new Map() };
    const after = (i) => {
        const { owner, list, index } = chain[i];
        const rest = list.slice(index + 1);
        if (owner === null)
            return stmts(rest, null, v, ctx);
        const out = i + 1 < chain.length ? after(i + 1) : null;
        if (owner.k === "if" || owner.k === "block")
            return stmts(rest, out, v, ctx);
        if (owner.k === "loop") {
            if (list === owner.init)
                return stmts(rest, loopHead(owner, out, v, ctx).head, v, ctx);
            const { next } = loopHead(owner, out, v, ctx);
            ctx.exits.set(owner, { brk: out, cont: next });
            return stmts(rest, next, v, ctx);
        }
        if (owner.k === "prange") {
            const { next } = prangeHead(owner, out, v, ctx);
            ctx.exits.set(owner, { brk: out, cont: next });
            return stmts(rest, next, v, ctx);
        }
        return null;
    };
    return after(0);
}
/** The path of statement lists from `body` down to `target`, innermost first. */
function findChain(list, owner, target, chain) {
    for (let index = 0; index < list.length; index++) {
        const s = list[index];
        const found = s === target ||
            (s.k === "if" && (findChain(s.t, s, target, chain) || findChain(s.f, s, target, chain))) ||
            (s.k === "loop" && (findChain(s.init, s, target, chain) || findChain(s.body, s, target, chain))) ||
            ((s.k === "block" || s.k === "prange") && findChain(s.body, s, target, chain));
        if (found) {
            chain.push({ owner, list, index });
            return true;
        }
    }
    return false;
}
function stmts(list, out, v, ctx) {
    let live = out;
    for (let i = list.length - 1; i >= 0; i--)
        live = stmt(list[i], live, v, ctx);
    return live;
}
function stmt(s, out, v, ctx) {
    switch (s.k) {
        case "expr":
            return expr(s.e, out, v);
        case "let":
            // a declaration (re)binds: the value before it is never read through this name again
            if (s.v === v)
                return s.init ? expr(s.init, null, v) : null;
            return s.init ? expr(s.init, out, v) : out;
        case "return":
            return s.e ? expr(s.e, null, v) : null;
        case "if":
            return expr(s.c, join(stmts(s.t, out, v, ctx), stmts(s.f, out, v, ctx)), v);
        case "block":
            return stmts(s.body, out, v, ctx);
        // a target not entered yet cannot happen; if it did, assume live (conservative)
        case "break": {
            const x = ctx.exits.get(s.target);
            return x ? x.brk : s;
        }
        case "continue": {
            const x = ctx.exits.get(s.target);
            return x ? x.cont : s;
        }
        case "loop":
            return loop(s, out, v, ctx);
        case "prange":
            return prange(s, out, v, ctx);
    }
}
/**
 * The least fixpoint of a loop's equation `head = step(head)` on the boolean lattice: `step` is
 * monotone, so the head is live exactly when one trip with the head assumed dead reaches a read
 * (and that evaluation's witness is a real read). One evaluation per loop keeps the analysis
 * linear in the kernel's size however deeply loops nest.
 */
function fix(step) {
    return step(null);
}
/** A loop's head liveness (`head`, before the condition) and where `continue` goes (`next`). */
function loopHead(s, out, v, ctx) {
    const body = (cont) => {
        ctx.exits.set(s, { brk: out, cont });
        return stmts(s.body, cont, v, ctx);
    };
    if (s.kind === "do") {
        // body, then the condition, then the body again or out
        const cond = (h) => (s.cond ? expr(s.cond, join(h, out), v) : h);
        const head = fix((h) => body(cond(h)));
        return { head, next: cond(head) };
    }
    // for: init, then [cond, body, update] repeated; while: [cond, body] repeated
    const update = (h) => (s.update ? expr(s.update, h, v) : h);
    const head = fix((h) => {
        const after = body(update(h));
        return s.cond ? expr(s.cond, join(after, out), v) : after;
    });
    return { head, next: update(head) };
}
function loop(s, out, v, ctx) {
    return stmts(s.init, loopHead(s, out, v, ctx).head, v, ctx);
}
/** Every iteration of a prange may or may not run: the head is live when the body or the exit reads first. */
function prangeHead(s, out, v, ctx) {
    const head = fix((h) => {
        ctx.exits.set(s, { brk: out, cont: h });
        return join(stmts(s.body, h, v, ctx), out);
    });
    return { head, next: head };
}
function prange(s, out, v, ctx) {
    const { head } = prangeHead(s, out, v, ctx);
    return expr(s.rangeStart, expr(s.rangeStop, expr(s.rangeStep, head, v), v), v);
}
/** Liveness before evaluating `e`, given the liveness `out` after it (JavaScript's evaluation order). */
function expr(e, out, v) {
    switch (e.k) {
        case "var":
            return e.v === v ? e : out;
        case "assign":
            if (e.target !== v)
                return expr(e.value, out, v);
            // `v = x` evaluates x, then writes; every other form reads v first
            return e.op === "=" ? expr(e.value, null, v) : e;
        case "update":
            return e.target === v ? e : out;
        case "load":
            return expr(e.ref.index, out, v);
        case "store":
            return expr(e.ref.index, expr(e.value, out, v), v);
        case "updateElem":
            return expr(e.ref.index, out, v);
        case "unary":
            return expr(e.e, out, v);
        case "binary":
            return expr(e.l, expr(e.r, out, v), v);
        case "logical":
            return expr(e.l, join(expr(e.r, out, v), out), v);
        case "cond":
            return expr(e.c, join(expr(e.t, out, v), expr(e.f, out, v)), v);
        case "call":
        case "comma":
        case "atomic": {
            const xs = e.k === "call" ? e.args : e.k === "atomic" ? [e.ref.index, ...e.args] : e.es;
            let live = out;
            for (let i = xs.length - 1; i >= 0; i--)
                live = expr(xs[i], live, v);
            return live;
        }
        case "newArray":
            return expr(e.len, out, v);
        default:
            return out;
    }
}
