/**
 * Which array parameters a call overwrites in full before it reads them, so the runtime can skip
 * copying an ordinary typed array into shared memory (the copy back still happens).
 *
 * The proof is syntactic and kept narrow, because a wrong one hands the caller stale heap bytes:
 *
 *   - the first top-level statement of the kernel that touches the array's elements (through any
 *     variable that may hold it: analysis/points-to.ts) is a prange `prange(stop)` (or
 *     `prange(0, stop)`, step 1), where `stop` is a scalar parameter the kernel never assigns or
 *     the `.length` of an array that can only be one parameter's argument;
 *   - no statement before that prange can return;
 *   - in its body, a top-level statement `p[i] = e` stores to the array itself at the index,
 *     every statement before it runs to its end (no `continue` or `return` anywhere inside),
 *     and nothing else in the loop touches the array.
 *
 * Then every index in [0, stop) is stored unless the call fails, and the runtime copies a
 * skipped array back only when the call succeeds (runtime/marshal.ts).
 */
import type { ArraySlotOverwrite } from "../artifact.js";
import { pointsToOf } from "../analysis/points-to.js";
import type { Expr, Kernel, Stmt, Var } from "../model/ir.js";
import { forEachExprInStmt, forEachExprInStmts, forEachStmt } from "../model/walk.js";

/** The overwrite proof of array parameter `p`, or null. */
export function overwriteOf(k: Kernel, p: Var): ArraySlotOverwrite | null {
  const pt = pointsToOf(k);
  const mine = (e: Expr): boolean => (e.k === "load" || e.k === "store" || e.k === "updateElem" || e.k === "atomic") && pt.holds(e).some((o) => o.param === p);
  const touches = (s: Stmt): boolean => {
    let hit = false;
    forEachExprInStmt(s, (e) => (hit ||= mine(e)));
    return hit;
  };
  const first = k.body.findIndex(touches);
  if (first < 0) return null;
  const loop = k.body[first]!;
  if (loop.k !== "prange" || k.body.slice(0, first).some((s) => has(s, "return"))) return null;
  if (!isNum(loop.rangeStart, 0) || !isNum(loop.rangeStep, 1)) return null;
  const stop = stopOf(k, loop.rangeStop);
  if (!stop) return null;
  const at = loop.body.findIndex((s) => s.k === "expr" && s.e.k === "store" && s.e.op === "=" && s.e.ref.array === p && !p.alias && s.e.ref.index.k === "var" && s.e.ref.index.v === loop.index);
  if (at < 0) return null;
  if (loop.body.slice(0, at).some((s) => has(s, "continue") || has(s, "return") || has(s, "break"))) return null;
  // the store is the loop's one access to the array (its value does not read it either)
  let others = 0;
  forEachExprInStmts(loop.body, (e) => (others += mine(e) ? 1 : 0));
  return others === 1 ? { stop } : null;
}

function isNum(e: Expr, n: number): boolean {
  return e.k === "num" && e.value === n;
}

function has(s: Stmt, kind: "return" | "continue" | "break"): boolean {
  let hit = false;
  forEachStmt([s], (x) => (hit ||= x.k === kind));
  return hit;
}

function stopOf(k: Kernel, e: Expr): ArraySlotOverwrite["stop"] | null {
  if (e.k === "var") {
    const i = k.params.indexOf(e.v);
    if (i < 0 || e.v.array || e.v.paramKind === "b" || assigned(k, e.v)) return null;
    return { param: i };
  }
  if (e.k === "length") {
    const held = pointsToOf(k).holds(e);
    const q = held.length === 1 ? held[0]!.param : null;
    const i = q ? k.params.indexOf(q) : -1;
    return i < 0 ? null : { lengthOf: i };
  }
  return null;
}

function assigned(k: Kernel, v: Var): boolean {
  let hit = false;
  forEachExprInStmts(k.body, (e) => (hit ||= (e.k === "assign" || e.k === "update") && e.target === v));
  return hit;
}


