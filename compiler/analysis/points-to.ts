/**
 * Which arrays each array variable may hold: a small flow-sensitive pass over the kernel body.
 * The arrays ("objects") are the array parameters' arguments and every `new K(n)` of the body.
 * The state at a point is a set of environments, each mapping the array variables to one object
 * (relational, so `temp = src; src = dst; dst = temp` keeps src and dst apart: in every
 * environment they hold different arrays). Branches join by union, loops iterate to a fixpoint,
 * `break`/`continue` carry their states to the loop's exit and head.
 *
 * The later phases read the result, never re-derive it: the race and dependence analysis asks
 * whether two array variables may be one array at a prange (`mayAlias`), copy-in/out flags and
 * the runtime's aliasing test ask which parameters an access may touch (`holds`), and the return
 * of an array asks which arrays it may be (`returned`). It needs no types: a variable is an array
 * variable when the model marks it (`Var.array`, set by build.ts and model/array-flow.ts).
 */
import type { Expr, Kernel, LoopStmt, Pos, PrangeStmt, Stmt, Var } from "../model/ir.js";
import { visitExpr } from "../model/walk.js";

/** One array the kernel can touch: a parameter's argument, or the array one `new` makes. */
export interface ArrayObject {
  readonly id: number;
  /** the parameter whose argument it is */
  readonly param: Var | null;
  /** the `new K(n)` that makes it, the variable it is declared as (if any), and the loop each trip of which releases it (null: the call) */
  readonly made: Expr | null;
  readonly local: Var | null;
  readonly releasedBy: LoopStmt | PrangeStmt | null;
  /** how messages name it */
  readonly name: string;
}

export interface PointsTo {
  readonly objects: readonly ArrayObject[];
  /** the arrays an access (load, store, updateElem, atomic, length) may touch */
  holds(e: Expr): readonly ArrayObject[];
  /** every array `v` may hold where it is used */
  mayHold(v: Var): readonly ArrayObject[];
  /** whether `v` and `w` may be one array while `loop` runs */
  mayAlias(loop: PrangeStmt, v: Var, w: Var): boolean;
  /** the arrays the kernel's `return`s of an array value may return */
  readonly returned: readonly ArrayObject[];
  /** assignments that keep an array beyond the loop trip that releases it (reported by analysis/arrays.ts) */
  readonly escapes: readonly { readonly at: Pos; readonly v: Var; readonly obj: ArrayObject }[];
}

type Env = ReadonlyMap<Var, ArrayObject>;
type Loop = LoopStmt | PrangeStmt;

/** Environments beyond this many make the pass give up precision (every access may be every array). */
const MAX_ENVS = 512;

class TooMany extends Error {}

const cache = new WeakMap<Kernel, PointsTo>();

/** The points-to facts of `k` (computed once per kernel model). */
export function pointsToOf(k: Kernel): PointsTo {
  let r = cache.get(k);
  if (!r) cache.set(k, (r = analyse(k)));
  return r;
}

function keyOf(env: Env): string {
  const parts: string[] = [];
  for (const [v, o] of env) parts.push(`${v.id}:${o.id}`);
  return parts.sort().join(",");
}

function union(...lists: (readonly Env[])[]): Env[] {
  const seen = new Map<string, Env>();
  for (const l of lists) for (const e of l) {
    const key = keyOf(e);
    if (!seen.has(key)) seen.set(key, e);
  }
  if (seen.size > MAX_ENVS) throw new TooMany();
  return [...seen.values()];
}

function analyse(k: Kernel): PointsTo {
  const objects: ArrayObject[] = [];
  const ofParam = new Map<Var, ArrayObject>();
  const ofNew = new Map<Expr, ArrayObject>();
  for (const p of k.params) {
    const o: ArrayObject = { id: objects.length, param: p, made: null, local: null, releasedBy: null, name: `'${p.name}'` };
    objects.push(o);
    ofParam.set(p, o);
  }
  const holds = new Map<Expr, Set<ArrayObject>>();
  const held = new Map<Var, Set<ArrayObject>>();
  const atLoop = new Map<PrangeStmt, Env[]>();
  const returned = new Set<ArrayObject>();
  const escapes: { at: Pos; v: Var; obj: ArrayObject }[] = [];
  const escapeSeen = new Set<string>();
  /** the innermost loop around each declaration */
  const declLoop = new Map<Var, Loop | null>();
  const loopStack: Loop[] = [];
  /** loops enclosing each loop (to tell whether a variable is declared inside a loop) */
  const enclosing = new Map<Loop, readonly Loop[]>();
  const jumps = new Map<Loop, { breaks: Env[]; continues: Env[] }>();

  const objectOfNew = (e: Expr, local: Var | null): ArrayObject => {
    let o = ofNew.get(e);
    if (!o) {
      const releasedBy = local ? (loopStack[loopStack.length - 1] ?? null) : null;
      o = { id: objects.length, param: null, made: e, local, releasedBy, name: local ? `'${local.name}'` : "a `new` array" };
      objects.push(o);
      ofNew.set(e, o);
    }
    return o;
  };
  const lookup = (env: Env, v: Var): ArrayObject | null => env.get(v) ?? (v.kind === "param" && !env.has(v) ? ofParam.get(v)! : null);
  /** the objects an array-valued expression may be in `env` (null: not an array value) */
  const values = (e: Expr, env: Env, local: Var | null): ArrayObject[] | null => {
    if (e.k === "var") {
      if (e.v.array === undefined) return null;
      const o = lookup(env, e.v);
      return o ? [o] : [];
    }
    if (e.k === "newArray") return [objectOfNew(e, local)];
    if (e.k === "cond") {
      const t = values(e.t, env, null);
      const f = values(e.f, env, null);
      return t && f ? [...t, ...f.filter((x) => !t.includes(x))] : null;
    }
    return null;
  };
  const note = (e: Expr, env: Env, v: Var): void => {
    const o = lookup(env, v);
    if (!o) return;
    let s = holds.get(e);
    if (!s) holds.set(e, (s = new Set()));
    s.add(o);
    let h = held.get(v);
    if (!h) held.set(v, (h = new Set()));
    h.add(o);
  };
  const record = (e: Expr, envs: readonly Env[]): void => {
    visitExpr(e, (x) => {
      const a = x.k === "load" || x.k === "store" || x.k === "updateElem" || x.k === "atomic" ? x.ref.array : x.k === "length" ? x.array : null;
      if (a) for (const env of envs) note(x, env, a);
    });
  };
  const insideOf = (v: Var, l: Loop): boolean => {
    const d = declLoop.get(v);
    return d !== undefined && d !== null && (d === l || (enclosing.get(d) ?? []).includes(l));
  };
  const assign = (envs: readonly Env[], target: Var, value: Expr | null, at: Pos, declared: boolean): Env[] => {
    if (target.array === undefined) return [...envs];
    const out: Env[] = [];
    for (const env of envs) {
      const os = value ? values(value, env, declared ? target : null) : [];
      if (os === null || os.length === 0) {
        const m = new Map(env);
        if (target.kind === "param") m.set(target, { id: -1, param: null, made: null, local: null, releasedBy: null, name: "nothing" });
        else m.delete(target);
        out.push(m);
        continue;
      }
      for (const o of os) {
        if (o.releasedBy && !(declared && o.local === target) && !insideOf(target, o.releasedBy)) {
          const key = `${at.start}:${o.id}`;
          if (!escapeSeen.has(key)) {
            escapeSeen.add(key);
            escapes.push({ at, v: target, obj: o });
          }
        }
        const m = new Map(env);
        m.set(target, o);
        out.push(m);
      }
    }
    return union(out);
  };
  /** an expression statement: accesses, then its top-level array assignments (arrays.ts refuses the others) */
  const exprStmt = (e: Expr, envs: readonly Env[], at: Pos): Env[] => {
    record(e, envs);
    if (e.k === "assign" && e.op === "=") return assign(envs, e.target, e.value, at, false);
    if (e.k === "comma") {
      let cur = [...envs];
      for (const x of e.es) if (x.k === "assign" && x.op === "=") cur = assign(cur, x.target, x.value, x, false);
      return cur;
    }
    return [...envs];
  };
  const loop = (s: Loop, envs: readonly Env[], body: (head: readonly Env[]) => Env[]): Env[] => {
    enclosing.set(s, [...loopStack]);
    const j = { breaks: [] as Env[], continues: [] as Env[] };
    jumps.set(s, j);
    let head = [...envs];
    for (;;) {
      loopStack.push(s);
      const out = body(head);
      loopStack.pop();
      const next = union(head, out, j.continues);
      if (next.length === head.length) {
        head = next;
        break;
      }
      head = next;
    }
    return union(head, j.breaks);
  };
  const stmts = (ss: readonly Stmt[], envs: readonly Env[]): Env[] => {
    let cur = [...envs];
    for (const s of ss) {
      if (cur.length === 0) break; // unreachable after break/continue/return
      cur = stmt(s, cur);
    }
    return cur;
  };
  const stmt = (s: Stmt, envs: Env[]): Env[] => {
    switch (s.k) {
      case "expr":
        return exprStmt(s.e, envs, s);
      case "let":
        declLoop.set(s.v, loopStack[loopStack.length - 1] ?? null);
        if (s.init) record(s.init, envs);
        return assign(envs, s.v, s.init, s, true);
      case "if":
        record(s.c, envs);
        return union(stmts(s.t, envs), stmts(s.f, envs));
      case "block":
        return stmts(s.body, envs);
      case "loop": {
        const init = stmts(s.init, envs);
        return loop(s, init, (head) => {
          if (s.cond) record(s.cond, head);
          const out = stmts(s.body, head);
          const after = union(out, jumps.get(s)!.continues);
          if (s.update) record(s.update, after);
          return after;
        });
      }
      case "prange":
        for (const e of [s.rangeStart, s.rangeStop, s.rangeStep]) record(e, envs);
        return loop(s, envs, (head) => {
          atLoop.set(s, union(atLoop.get(s) ?? [], head));
          return stmts(s.body, head);
        });
      case "break":
        jumps.get(s.target)?.breaks.push(...envs);
        return [];
      case "continue":
        jumps.get(s.target)?.continues.push(...envs);
        return [];
      case "return": {
        if (s.e) {
          record(s.e, envs);
          for (const env of envs) for (const o of values(s.e, env, null) ?? []) returned.add(o);
        }
        return [];
      }
    }
  };

  try {
    stmts(k.body, [new Map()]);
  } catch (e) {
    if (!(e instanceof TooMany)) throw e;
    // too many combinations: every access may be every array
    const all = objects.filter((o) => o.id >= 0);
    return {
      objects: all,
      holds: () => all,
      mayHold: () => all,
      mayAlias: () => true,
      returned: all,
      escapes: [],
    };
  }
  const none: readonly ArrayObject[] = [];
  const real = (s: Set<ArrayObject> | undefined): readonly ArrayObject[] => (s ? [...s].filter((o) => o.id >= 0) : none);
  return {
    objects,
    holds: (e) => real(holds.get(e)),
    mayHold: (v) => real(held.get(v)),
    mayAlias: (l, v, w) => {
      if (v === w) return true;
      for (const env of atLoop.get(l) ?? []) {
        const a = lookup(env, v);
        const b = lookup(env, w);
        if (a && b && a === b && a.id >= 0) return true;
      }
      return false;
    },
    returned: [...returned].filter((o) => o.id >= 0),
    escapes,
  };
}

/** How a message names the arrays `v` may hold: "'a' or 'b'". */
export function describeHolds(pt: PointsTo, v: Var): string {
  const names = pt.mayHold(v).map((o) => o.name);
  if (names.length <= 1) return names[0] ?? "no array";
  return `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}
