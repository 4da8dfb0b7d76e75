/**
 * Type inference for one specialisation. Every JavaScript number is a double; a value is typed
 * `i32` only when it is provably an integer in a known int32 interval and never -0, so computing
 * it with 32-bit integer instructions gives exactly the double JavaScript computes. Variables get
 * the join of everything assigned to them (a small fixpoint with widening); canonical for-loop
 * counters and prange indices take their interval from the loop bounds.
 */
import { type ArrayKind, ELEMENT_BYTES } from "../artifact.js";
import type { ParamType } from "../interface.js";
import type { DiagnosticSink } from "../diagnostics/diagnostic.js";
import { visitExpr } from "../model/walk.js";
import { BOOL, type BinaryOp, type Expr, F64, I32_MAX, I32_MIN, i32, INT53, isInt, type Kernel, type Stmt, type Ty, type Var } from "../model/ir.js";
import { forEachExprInStmts, forEachStmt } from "../model/walk.js";
import { type ArrayFacts, resolveArrays } from "./arrays.js";
import { liveAfter } from "./liveness.js";

export type { ParamType } from "../interface.js";

/** Bound of the `s` (small integer) parameter kind. */
export const SMALL_INT = 2 ** 20;

const ELEM_TY: Record<ArrayKind, Ty> = {
  Float64Array: F64,
  Float32Array: F64,
  Int32Array: i32(I32_MIN, I32_MAX),
  Uint32Array: F64,
  Int16Array: i32(-32768, 32767),
  Uint16Array: i32(0, 65535),
  Int8Array: i32(-128, 127),
  Uint8Array: i32(0, 255),
  Uint8ClampedArray: i32(0, 255),
};

const FULL = i32(I32_MIN, I32_MAX);

/** The integer arrays JavaScript's Atomics accepts (BigInt arrays are not kernel parameters). */
const ATOMIC_KINDS: ReadonlySet<ArrayKind> = new Set(["Int8Array", "Uint8Array", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array"]);

/** The integer type of [lo, hi]: i32 if it fits int32, i64 if it fits +-2^53, else a double. */
function fits(lo: number, hi: number): Ty {
  if (lo >= I32_MIN && hi <= I32_MAX) return i32(lo, hi);
  // bounds are computed in doubles: a true bound of 2^53 + 1 rounds to 2^53, so 2^53 itself is
  // out (a bound below 2^53 is exact, and rounding never takes one above 2^53 back below it)
  if (lo > -INT53 && hi < INT53) return { k: "i64", lo, hi };
  return F64;
}

/** Bitwise operators see ToInt32 of their operands: an i64 operand is any int32. */
function asInt32(t: Ty): Ty {
  return t.k === "i64" || t.k === "f64" ? FULL : t;
}

/** bool counts as the int 0/1 in arithmetic. */
function numeric(t: Ty): Ty {
  return t.k === "bool" ? i32(0, 1) : t;
}

function sameTy(a: Ty | undefined, b: Ty | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.k !== b.k) return false;
  return !isInt(a) || (isInt(b) && a.lo === b.lo && a.hi === b.hi);
}

/** Least upper bound; null when a boolean meets a number. */
export function join(a: Ty | null, b: Ty | null): Ty | null | "mixed" {
  if (!a) return b;
  if (!b) return a;
  if (a.k === "bool" || b.k === "bool") return a.k === b.k ? BOOL : "mixed";
  if (a.k === "f64" || b.k === "f64") return F64;
  return fits(Math.min(a.lo, b.lo), Math.max(a.hi, b.hi));
}

interface Site {
  readonly v: Var;
  readonly ty: () => Ty | null;
}

/** Infers the types of every variable and expression of `k` for the given parameter types. */
export function inferTypes(k: Kernel, params: readonly ParamType[], sink: DiagnosticSink): void {
  new Inference(k, params, sink).run();
}

class Inference {
  private readonly sites: Site[] = [];
  /** `let v;` declarations (no initialiser), by variable */
  private readonly uninit = new Map<Var, Stmt>();
  /** whether a `let v;`'s undefined may be read (a read reachable from the declaration before a write), once asked */
  private readonly undefinedRead = new Map<Var, boolean>();
  private readsUndefined(v: Var): boolean {
    let r = this.undefinedRead.get(v);
    if (r === undefined) this.undefinedRead.set(v, (r = liveAfter(this.k, this.uninit.get(v)!, v) !== null));
    return r;
  }
  private readonly mixed = new Set<Var>();
  private arrays: ArrayFacts | null = null;

  constructor(
    private readonly k: Kernel,
    private readonly params: readonly ParamType[],
    private readonly sink: DiagnosticSink,
  ) {}

  /** increments guarded by a loop condition `v < bound`, found before the fixpoint */
  private readonly guards = new Map<Expr, { bound: Expr; cmp: "<" | "<="; step: number }>();

  run(): void {
    const k = this.k;
    findGuardedIncrements(k.body, this.guards);
    for (const v of k.vars) v.ty = undefined;
    k.params.forEach((p, i) => {
      const t = this.params[i];
      if (t === undefined) return;
      if (t === "f" || t === "i" || t === "s" || t === "b") {
        p.paramKind = t === "s" ? "i" : t;
        p.array = undefined;
        // the argument is the parameter's first value; assignments in the body join it
        const argTy = t === "f" ? F64 : t === "i" ? FULL : t === "s" ? i32(0, SMALL_INT) : BOOL;
        this.sites.push({ v: p, ty: () => argTy });
      } else {
        p.array = t;
        p.paramKind = undefined;
      }
    });
    this.arrays = resolveArrays(k, this.sink);
    this.collect(k.body);
    for (const v of this.uninit.keys()) if (!this.sites.some((s) => s.v === v)) v.ty = F64;
    this.fixpoint();
    for (const v of k.vars) if (!v.array && !v.ty) v.ty = F64;
    this.annotate();
    this.returnType();
  }

  private collect(stmts: readonly Stmt[]): void {
    for (const s of stmts) {
      switch (s.k) {
        case "let":
          if (s.init) {
            const init = s.init;
            if (!s.v.counter) this.sites.push({ v: s.v, ty: () => this.typeOf(init) });
          } else this.uninit.set(s.v, s);
          break;
        case "if":
          this.collect(s.t);
          this.collect(s.f);
          break;
        case "loop":
          this.collect(s.init);
          this.collect(s.body);
          break;
        case "prange":
          this.collect(s.body);
          break;
        case "block":
          this.collect(s.body);
          break;
        default:
          break;
      }
    }
    forEachExprInStmts(stmts, (e) => {
      const g = this.guards.get(e);
      if (g && (e.k === "assign" || e.k === "update")) {
        // an increment that only runs while `v < bound` held: v stays below bound.hi + step
        const v = e.target;
        this.sites.push({
          v,
          ty: () => {
            const b = this.typeOf(g.bound);
            if (!b || !v.ty) return null;
            const nb = numeric(b);
            if (!isInt(nb) || !isInt(v.ty)) return F64;
            return fits(v.ty.lo + g.step, Math.max(v.ty.lo + g.step, nb.hi - (g.cmp === "<" ? 1 : 0) + g.step));
          },
        });
        return;
      }
      if (e.k === "assign") {
        const v = e.target;
        if (v.counter) return;
        if (e.op === "=") this.sites.push({ v, ty: () => this.typeOf(e.value) });
        else if (e.op === "??=") return;
        else if (e.op === "&&=" || e.op === "||=") {
          this.sites.push({ v, ty: () => this.logicalTy(v.ty ?? null, this.typeOf(e.value)) });
        } else {
          const op = e.op.slice(0, -1) as BinaryOp;
          this.sites.push({ v, ty: () => (v.ty ? this.binaryTy(op, v.ty, this.typeOf(e.value)) : null) });
        }
      } else if (e.k === "update" && !e.target.counter) {
        const v = e.target;
        this.sites.push({ v, ty: () => (v.ty ? this.binaryTy(e.op === "++" ? "+" : "-", numeric(v.ty), i32(1, 1)) : null) });
      }
    });
  }

  private fixpoint(): void {
    const k = this.k;
    const locals = k.vars;
    for (let round = 0; round < 50; round++) {
      let changed = false;
      for (const v of locals) {
        if (v.array) continue;
        let t: Ty | null = null;
        if (v.kind === "index") t = this.indexTy(v);
        else if (v.counter) t = this.counterTy(v);
        else {
          for (const s of this.sites) {
            if (s.v !== v) continue;
            const j = join(t, s.ty());
            if (j === "mixed") {
              if (!this.mixed.has(v)) {
                this.mixed.add(v);
                this.sink.report("PF1006", v.pos, [v.name]);
              }
              t = F64;
            } else t = j;
          }
          // `let x;` holds undefined (NaN as a number) until assigned: an integer type only when no read can see it
          if (isInt(t) && this.uninit.has(v) && this.readsUndefined(v)) t = F64;
        }
        if (!t) continue;
        if (round >= 4 && isInt(t) && isInt(v.ty) && !sameTy(t, v.ty)) {
          // widen: an interval still growing after a few rounds is a running count
          t = sameTy(v.ty, FULL) || t.k === "i64" ? F64 : FULL;
        }
        if (!sameTy(t, v.ty)) {
          v.ty = t;
          changed = true;
        }
      }
      if (!changed) return;
    }
  }

  private indexTy(v: Var): Ty | null {
    const loop = this.k.pranges.find((p) => p.index === v) ?? findSerialPrange(this.k.body, v);
    if (!loop) return FULL;
    const a = this.typeOf(loop.rangeStart);
    const b = this.typeOf(loop.rangeStop);
    const s = this.typeOf(loop.rangeStep);
    if (!a || !b || !s) return null;
    const na = numeric(a);
    const nb = numeric(b);
    const ns = numeric(s);
    // an int32 index needs an int32 start and step, and a stop that keeps it in int32: an int32
    // one, or an integer one past the last index (`prange(1, n - 1)`: n - 1 may be -2^31 - 1,
    // below every index); otherwise the index is a double (exact: the runtime checks that the
    // bounds are safe integers, and that an int32 index's last value is int32)
    if (na.k !== "i32" || !isInt(nb) || ns.k !== "i32") return F64;
    const clip = (lo: number, hi: number): Ty => i32(Math.max(I32_MIN, lo), Math.min(I32_MAX, Math.max(lo, hi)));
    if (isInt(ns) && ns.lo > 0 && nb.hi - 1 <= I32_MAX) return clip(na.lo, nb.hi - 1);
    if (isInt(ns) && ns.hi < 0 && nb.lo + 1 >= I32_MIN) return clip(nb.lo + 1, na.hi);
    if (nb.k !== "i32") return F64;
    return clip(Math.min(na.lo, nb.lo), Math.max(na.hi, nb.hi));
  }

  private counterTy(v: Var): Ty | null {
    const c = v.counter!;
    const it = this.typeOf(c.init);
    const bt = this.typeOf(c.bound);
    if (!it || !bt) return null;
    const a = numeric(it);
    const b = numeric(bt);
    if (!isInt(a) || !isInt(b)) return F64;
    switch (c.cmp) {
      case "<":
        return fits(a.lo, Math.max(a.hi, b.hi - 1 + c.step));
      case "<=":
        return fits(a.lo, Math.max(a.hi, b.hi + c.step));
      case ">":
        return fits(Math.min(a.lo, b.lo + 1 + c.step), a.hi);
      case ">=":
        return fits(Math.min(a.lo, b.lo + c.step), a.hi);
    }
  }

  /** Type of an expression under the current variable types; null while a variable is unknown. */
  typeOf(e: Expr): Ty | null {
    switch (e.k) {
      case "num": {
        const v = e.value;
        return Number.isInteger(v) && !Object.is(v, -0) && Math.abs(v) <= INT53 ? fits(v, v) : F64;
      }
      case "bool":
        return BOOL;
      case "var":
        return e.v.array ? F64 : (e.v.ty ?? null);
      case "length":
        // every array a compiled kernel touches lies in its wasm memory, at most 4 GiB: a
        // Float64Array has at most 2^29 elements (which `i << 3` of an index below it keeps apart)
        return i32(0, Math.min(I32_MAX, 2 ** 32 / ELEMENT_BYTES[e.array.array ?? "Uint8Array"]));
      case "load":
        return ELEM_TY[e.ref.array.array ?? "Float64Array"];
      case "unary": {
        const t = this.typeOf(e.e);
        if (!t) return null;
        if (e.op === "!") return BOOL;
        const n = numeric(t);
        if (e.op === "+") return n;
        if (e.op === "~") return n.k === "i32" ? i32(-n.hi - 1, -n.lo - 1) : FULL;
        if (isInt(n) && (n.lo > 0 || n.hi < 0)) return fits(-n.hi, -n.lo);
        return F64;
      }
      case "binary": {
        const l = this.typeOf(e.l);
        const r = this.typeOf(e.r);
        return l && r ? this.binaryTy(e.op, l, r) : null;
      }
      case "logical": {
        const l = this.typeOf(e.l);
        if (e.op === "??") return l;
        return this.logicalTy(l, this.typeOf(e.r));
      }
      case "cond": {
        const j = join(this.typeOf(e.t), this.typeOf(e.f));
        return j === "mixed" ? F64 : j;
      }
      case "call":
        return this.callTy(e.fn, e.args);
      case "assign":
        return e.target.ty ?? null;
      case "store": {
        if (e.op === "=") return this.typeOf(e.value);
        if (e.op === "&&=" || e.op === "||=") return this.logicalTy(ELEM_TY[e.ref.array.array ?? "Float64Array"], this.typeOf(e.value));
        if (e.op === "??=") return ELEM_TY[e.ref.array.array ?? "Float64Array"];
        const r = this.typeOf(e.value);
        return r ? this.binaryTy(e.op.slice(0, -1) as BinaryOp, ELEM_TY[e.ref.array.array ?? "Float64Array"], r) : null;
      }
      case "update": {
        const t = e.target.ty;
        if (!t) return null;
        if (!e.prefix) return numeric(t);
        return t;
      }
      case "updateElem": {
        const t = ELEM_TY[e.ref.array.array ?? "Float64Array"];
        return e.prefix ? this.binaryTy(e.op === "++" ? "+" : "-", t, i32(1, 1)) : t;
      }
      case "comma":
        return this.typeOf(e.es[e.es.length - 1]!);
      case "newArray":
        return F64; // not a number: only ever a declaration's or an array variable's value
      case "atomic": {
        if (e.op !== "store") return ELEM_TY[e.ref.array.array ?? "Int32Array"];
        // Atomics.store returns ToIntegerOrInfinity(value): an integer stays itself, a double is truncated
        const t = this.typeOf(e.args[0]!);
        return t ? (isInt(numeric(t)) ? numeric(t) : F64) : null;
      }
    }
  }

  private logicalTy(l: Ty | null, r: Ty | null): Ty | null {
    const j = join(l, r);
    return j === "mixed" ? F64 : j;
  }

  binaryTy(op: BinaryOp, lt: Ty, rt: Ty | null): Ty | null {
    if (!rt) return null;
    const l0 = numeric(lt);
    const r0 = numeric(rt);
    const bitwise = op === "&" || op === "|" || op === "^" || op === "<<" || op === ">>" || op === ">>>";
    const l = bitwise ? asInt32(l0) : l0;
    const r = bitwise ? asInt32(r0) : r0;
    switch (op) {
      case "<": case "<=": case ">": case ">=": case "==": case "!=": case "===": case "!==":
        return BOOL;
      case "/": case "**":
        return F64;
      case "+":
        return isInt(l) && isInt(r) ? fits(l.lo + r.lo, l.hi + r.hi) : F64;
      case "-":
        return isInt(l) && isInt(r) ? fits(l.lo - r.hi, l.hi - r.lo) : F64;
      case "*": {
        if (!isInt(l) || !isInt(r)) return F64;
        // 0 times a negative number is -0 in JavaScript: stay in doubles when that can happen
        const lz = l.lo <= 0 && l.hi >= 0;
        const rz = r.lo <= 0 && r.hi >= 0;
        if ((lz && r.lo < 0) || (rz && l.lo < 0)) return F64;
        const c = [l.lo * r.lo, l.lo * r.hi, l.hi * r.lo, l.hi * r.hi];
        return fits(Math.min(...c), Math.max(...c));
      }
      case "%": {
        if (!isInt(l) || !isInt(r) || l.lo < 0 || (r.lo <= 0 && r.hi >= 0)) return F64;
        const m = Math.max(Math.abs(r.lo), Math.abs(r.hi)) - 1;
        return fits(0, Math.min(l.hi, m));
      }
      case "&": {
        if (l.k === "i32" && r.k === "i32" && (l.lo >= 0 || r.lo >= 0)) {
          return i32(0, Math.min(l.lo >= 0 ? l.hi : I32_MAX, r.lo >= 0 ? r.hi : I32_MAX));
        }
        return FULL;
      }
      case "|": case "^":
        if (l.k === "i32" && r.k === "i32" && l.lo >= 0 && r.lo >= 0) {
          const hi = 2 ** Math.ceil(Math.log2(Math.max(l.hi, r.hi) + 1)) - 1;
          return i32(0, Math.min(I32_MAX, hi));
        }
        return FULL;
      case "<<":
        return FULL;
      case ">>":
        // an arithmetic shift moves a value towards 0 (non-negative) or -1 (negative)
        return l.k === "i32" ? i32(l.lo < 0 ? l.lo : 0, l.hi >= 0 ? l.hi : -1) : FULL;
      case ">>>":
        return l.k === "i32" && l.lo >= 0 ? i32(0, l.hi) : F64;
    }
  }

  private callTy(fn: string, args: readonly Expr[]): Ty | null {
    const ts = args.map((a) => this.typeOf(a));
    if (ts.some((t) => !t)) return null;
    const n = (ts as Ty[]).map(numeric);
    const a = n[0];
    if (fn.startsWith("Number.") || fn.startsWith("global.")) return BOOL;
    switch (fn) {
      case "abs":
        if (a?.k === "i32" && a.lo > I32_MIN) {
          return i32(a.lo >= 0 ? a.lo : a.hi <= 0 ? -a.hi : 0, Math.max(Math.abs(a.lo), Math.abs(a.hi)));
        }
        return F64;
      case "floor": case "ceil": case "trunc": case "round":
        return isInt(a) ? a : F64;
      case "sign":
        return a?.k === "i32" ? i32(Math.sign(a.lo), Math.sign(a.hi)) : F64;
      case "min": case "max": {
        if (n.length === 0 || n.some((t) => t.k !== "i32")) return F64;
        const is = n as { lo: number; hi: number }[];
        const f = fn === "min" ? Math.min : Math.max;
        return i32(f(...is.map((t) => t.lo)), f(...is.map((t) => t.hi)));
      }
      case "imul":
        return FULL;
      case "clz32":
        return i32(0, 32);
      default:
        return F64;
    }
  }

  /** Stores the final type on every expression and reports misuse that depends on types. */
  private annotate(): void {
    forEachExprInStmts(this.k.body, (e) => {
      e.ty = this.typeOf(e) ?? F64;
      if (e.k === "var" && e.v.array && !this.arrays?.values.has(e)) this.sink.report("PF1011", e, [e.v.name]);
      if (e.k === "atomic") this.checkAtomic(e);
      if ((e.k === "logical" && e.op !== "??") || e.k === "cond") {
        const [a, b] = e.k === "cond" ? [e.t, e.f] : [e.l, e.r];
        if (join(this.typeOf(a), this.typeOf(b)) === "mixed") {
          this.sink.report("PF1001", e, [
            e.k === "cond" ? "A conditional whose branches are a boolean and a number" : `'${e.op}' between a boolean and a number`,
            "Both sides must be numbers or both booleans: compare explicitly (e.g. `x !== 0`).",
          ]);
        }
      }
    });
  }

  /** PF1019: Atomics on an array that is not an integer array (JavaScript throws a TypeError there). */
  private checkAtomic(e: Extract<Expr, { k: "atomic" }>): void {
    const a = e.ref.array;
    const kind = a.array ?? "Int32Array";
    if (ATOMIC_KINDS.has(kind)) return;
    const fix = kind === "Uint8ClampedArray"
      ? "JavaScript's Atomics refuses a Uint8ClampedArray too (a TypeError): pass a Uint8Array."
      : `For a sum, minimum or maximum into a float array, write the update plainly (\`${a.name}[k] += w\`, \`${a.name}[k] = Math.max(${a.name}[k], v)\`): parfor reduces an array that a prange only updates through one operator with private copies per chunk (an array reduction), no atomics needed.`;
    this.sink.report("PF1019", e, [e.op, a.name, kind, fix]);
  }

  private returnType(): void {
    const k = this.k;
    let t: Ty | null = null;
    let withValue = 0;
    k.returnArray = undefined;
    // an array returned (a parameter, an array of the kernel's own, an array variable, `?:` of them)
    const kinds = k.returns.filter((r) => r.e).map((r) => arrayKindOf(r.e!));
    if (kinds.length > 0 && kinds.some((x) => x !== null)) {
      const first = kinds.find((x) => x !== null && x !== "mixed")!;
      k.returns.forEach((r) => {
        if (!r.e) return;
        const kd = arrayKindOf(r.e);
        if (kd === null) this.sink.report("PF1010", r, ["an array on some paths and a number on others"]);
        else if (kd === "mixed" || kd !== first) this.sink.report("PF1010", r, [`arrays of different kinds (${first}${kd === "mixed" ? " and another" : ` and ${kd}`})`]);
      });
      if (kinds.length < k.returns.length || !definitelyReturns(k.body)) {
        const r = k.returns.find((x) => !x.e) ?? k.returns[0]!;
        this.sink.report("PF1010", r, ["a value on some paths and nothing on others"]);
      }
      k.returnTy = null;
      k.returnArray = first;
      return;
    }
    for (const r of k.returns) {
      if (!r.e) continue;
      withValue++;
      const j = join(t, r.e.ty ?? F64);
      if (j === "mixed") {
        this.sink.report("PF1010", r, ["a boolean on some paths and a number on others"]);
        t = F64;
      } else t = j;
    }
    if (withValue > 0 && (withValue < k.returns.length || !definitelyReturns(k.body))) {
      const r = k.returns.find((x) => !x.e) ?? k.returns[0]!;
      this.sink.report("PF1010", r, ["a value on some paths and nothing on others"]);
    }
    k.returnTy = t;
  }
}

/**
 * `while (v < B && ...) { ...; v += c; ... }` (or a for loop whose update is the increment): the
 * loop condition bounds v when the increment is the loop's only write to v and runs at most once
 * per test of the condition (a top-level statement of the body, or the update clause).
 */
function findGuardedIncrements(stmts: readonly Stmt[], out: Map<Expr, { bound: Expr; cmp: "<" | "<="; step: number }>): void {
  forEachStmt(stmts, (s) => {
    if (s.k !== "loop" || s.kind === "do" || !s.cond) return;
    const conjuncts: Expr[] = [];
    const split = (e: Expr): void => {
      if (e.k === "logical" && e.op === "&&") {
        split(e.l);
        split(e.r);
      } else conjuncts.push(e);
    };
    split(s.cond);
    for (const c of conjuncts) {
      if (c.k !== "binary" || (c.op !== "<" && c.op !== "<=") || c.l.k !== "var" || c.l.v.counter) continue;
      const v = c.l.v;
      if (v.array || v.kind === "index" || mentionsVar(c.r, v)) continue;
      const inc = (e: Expr): number | null => {
        if (e.k === "update" && e.target === v && e.op === "++") return 1;
        if (e.k === "assign" && e.target === v && e.op === "+=" && e.value.k === "num" && Number.isInteger(e.value.value) && e.value.value > 0 && e.value.value < 2 ** 20) return e.value.value;
        return null;
      };
      const candidates: { e: Expr; step: number }[] = [];
      for (const b of s.body) if (b.k === "expr" && inc(b.e) !== null) candidates.push({ e: b.e, step: inc(b.e)! });
      if (s.update && inc(s.update) !== null) candidates.push({ e: s.update, step: inc(s.update)! });
      if (candidates.length !== 1) continue;
      let writes = 0;
      forEachExprInStmts([...s.body, { k: "expr", e: s.cond, start: 0, end: 0 }, ...(s.update ? [{ k: "expr" as const, e: s.update, start: 0, end: 0 }] : [])], (e) => {
        if ((e.k === "assign" || e.k === "update") && e.target === v) writes++;
      });
      if (writes !== 1) continue;
      out.set(candidates[0]!.e, { bound: c.r, cmp: c.op, step: candidates[0]!.step });
    }
  });
}

function mentionsVar(e: Expr, v: Var): boolean {
  let hit = false;
  visitExpr(e, (x) => {
    if ((x.k === "var" && x.v === v) || ((x.k === "assign" || x.k === "update") && x.target === v)) hit = true;
  });
  return hit;
}

function findSerialPrange(body: readonly Stmt[], v: Var): { rangeStart: Expr; rangeStop: Expr; rangeStep: Expr } | undefined {
  for (const s of body) {
    if (s.k === "prange") {
      if (s.index === v) return s;
      const r = findSerialPrange(s.body, v);
      if (r) return r;
    } else if (s.k === "if") {
      const r = findSerialPrange(s.t, v) ?? findSerialPrange(s.f, v);
      if (r) return r;
    } else if (s.k === "loop" || s.k === "block") {
      const r = findSerialPrange(s.body, v);
      if (r) return r;
    }
  }
  return undefined;
}

/** Whether every path through `stmts` ends in a return. */
export function definitelyReturns(stmts: readonly Stmt[]): boolean {
  return stmts.some((s) =>
    s.k === "return" ? true : s.k === "if" ? definitelyReturns(s.t) && definitelyReturns(s.f) : s.k === "block" ? definitelyReturns(s.body) : false,
  );
}

/** The kind of an array value (`a`, `new K(n)`, `c ? a : b`), "mixed" for `?:` of two kinds, null for a number. */
function arrayKindOf(e: Expr): ArrayKind | "mixed" | null {
  if (e.k === "var") return e.v.array ?? null;
  if (e.k === "newArray") return e.kind;
  if (e.k === "cond") {
    const t = arrayKindOf(e.t);
    const f = arrayKindOf(e.f);
    if (t === null || f === null) return null;
    return t === f ? t : "mixed";
  }
  return null;
}
