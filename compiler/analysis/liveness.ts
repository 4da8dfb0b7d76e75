/**
 * Liveness of one scalar on the kernel's structured control flow: whether some path from a point
 * reaches a read of the variable before a write to it. Backward over statements and over the
 * evaluation order inside expressions (`&&`, `||`, `??`, `?:` and compound assignments such as
 * `&&=` only maybe write); a loop's body may run zero times, so a write inside a loop never kills
 * what follows it; `break`/`continue` carry the liveness of their target's exit or next trip.
 * Results are a witness read (a position to point the user at) or null when the variable is dead.
 *
 * Used by analysis/loops.ts to privatise: a scalar written in a prange is private when no read is
 * reachable from the start of an iteration without a write first (`exposedRead`) and it is dead
 * when the loop exits (`liveAfter`).
 */
import type { Expr, Kernel, LoopStmt, Pos, PrangeStmt, Stmt, Var } from "../model/ir.js";

type Live = Pos | null;

interface Ctx {
  /** liveness at each loop's exit (after break) and at its next trip (after continue) */
  readonly exits: Map<LoopStmt | PrangeStmt, { brk: Live; cont: Live }>;
  /** the prange whose exit liveness is wanted, and where it is recorded */
  readonly watch: PrangeStmt | null;
  out: Live;
}

const join = (a: Live, b: Live): Live => a ?? b;

/** A read of `v` reachable from the start of an iteration of `loop` before any write to it. */
export function exposedRead(loop: PrangeStmt, v: Var): Pos | null {
  const ctx: Ctx = { exits: new Map([[loop, { brk: null, cont: null }]]), watch: null, out: null };
  return stmts(loop.body, null, v, ctx);
}

/** A read of `v` reachable after `loop` exits (in the rest of the kernel, later loops, or the next trip of a serial loop around it). */
export function liveAfter(k: Kernel, loop: PrangeStmt, v: Var): Pos | null {
  const ctx: Ctx = { exits: new Map(), watch: loop, out: null };
  stmts(k.body, null, v, ctx);
  return ctx.out;
}

function stmts(list: readonly Stmt[], out: Live, v: Var, ctx: Ctx): Live {
  let live = out;
  for (let i = list.length - 1; i >= 0; i--) live = stmt(list[i]!, live, v, ctx);
  return live;
}

function stmt(s: Stmt, out: Live, v: Var, ctx: Ctx): Live {
  switch (s.k) {
    case "expr":
      return expr(s.e, out, v);
    case "let":
      // a declaration (re)binds: the value before it is never read through this name again
      if (s.v === v) return s.init ? expr(s.init, null, v) : null;
      return s.init ? expr(s.init, out, v) : out;
    case "return":
      return s.e ? expr(s.e, null, v) : null;
    case "if":
      return expr(s.c, join(stmts(s.t, out, v, ctx), stmts(s.f, out, v, ctx)), v);
    case "block":
      return stmts(s.body, out, v, ctx);
    case "break":
      return ctx.exits.get(s.target)?.brk ?? null;
    case "continue":
      return ctx.exits.get(s.target)?.cont ?? null;
    case "loop":
      return loop(s, out, v, ctx);
    case "prange":
      return prange(s, out, v, ctx);
  }
}

/**
 * The least fixpoint of a loop's equation `head = step(head)` on a boolean lattice: when nothing
 * is live with the head dead, that is it; otherwise one more round with the head live, so that the
 * last evaluation (whose side records count) saw the fixpoint.
 */
function fix(step: (head: Live) => Live): Live {
  const first = step(null);
  return first === null ? null : step(first);
}

function loop(s: LoopStmt, out: Live, v: Var, ctx: Ctx): Live {
  const body = (cont: Live): Live => {
    ctx.exits.set(s, { brk: out, cont });
    return stmts(s.body, cont, v, ctx);
  };
  if (s.kind === "do") {
    // body, then the condition, then the body again or out
    return fix((h) => body(s.cond ? expr(s.cond, join(h, out), v) : h));
  }
  // for: init, then [cond, body, update] repeated; while: [cond, body] repeated
  const head = fix((h) => {
    const after = body(s.update ? expr(s.update, h, v) : h);
    return s.cond ? expr(s.cond, join(after, out), v) : after;
  });
  return stmts(s.init, head, v, ctx);
}

function prange(s: PrangeStmt, out: Live, v: Var, ctx: Ctx): Live {
  // every iteration may or may not run: the head is live when the body or the exit reads first
  const head = fix((h) => {
    ctx.exits.set(s, { brk: out, cont: h });
    return join(stmts(s.body, h, v, ctx), out);
  });
  if (s === ctx.watch) ctx.out = out;
  return expr(s.rangeStart, expr(s.rangeStop, expr(s.rangeStep, head, v), v), v);
}

/** Liveness before evaluating `e`, given the liveness `out` after it (JavaScript's evaluation order). */
function expr(e: Expr, out: Live, v: Var): Live {
  switch (e.k) {
    case "var":
      return e.v === v ? e : out;
    case "assign":
      if (e.target !== v) return expr(e.value, out, v);
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
    case "comma": {
      const xs = e.k === "call" ? e.args : e.es;
      let live = out;
      for (let i = xs.length - 1; i >= 0; i--) live = expr(xs[i]!, live, v);
      return live;
    }
    default:
      return out;
  }
}
