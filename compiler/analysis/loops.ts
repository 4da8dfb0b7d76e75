/**
 * The loop model of every parallel prange: which outer scalars it only reads (copied in), which
 * it reduces (and with which operator), which it may privatise, which it writes racily, which
 * arrays it reads and writes; plus the race diagnostics. Conservative in the Numba sense: a
 * scalar is a reduction only when a pattern proves it, private only when liveness (liveness.ts)
 * proves every iteration writes it before reading it and nothing reads it after the loop;
 * anything else that is written is shared and reported.
 */
import type { DiagnosticSink } from "../diagnostics/diagnostic.js";
import type { Access, Conflict, LoopAccesses } from "./dependence.js";
import type { ArrayReduction, Expr, Kernel, LoopModel, Pos, PrangeStmt, ReduceOp, Reduction, Stmt, Var } from "../model/ir.js";
import { isInt } from "../model/ir.js";
import { findArrayReductions } from "./reductions.js";
import { describeHolds, pointsToOf, type PointsTo } from "./points-to.js";
import { forEachExprInStmts, visitExpr } from "../model/walk.js";
import { exprEquals, isPure, mentions } from "./exprs.js";
import { collectAccesses, conflicts, stepOf } from "./dependence.js";
import { exposedRead, liveAfter } from "./liveness.js";
import { clearSystemCache } from "./fm.js";
import { coefOf } from "./affine.js";
import { ELEMENT_BYTES } from "../artifact.js";

interface Write {
  readonly pos: Pos;
  /** a min/max written so that NaN replaces the running value: what to write instead */
  readonly hint?: string;
  /** null: not a reduction pattern */
  readonly op: ReduceOp | null;
  readonly cmp?: "<" | "<=" | ">" | ">=";
  readonly flagValue?: Expr;
  /** loc: the variables set with the key; carried: the key */
  readonly carried?: readonly Var[];
  readonly key?: Var;
  /** the update as matched: its value (null: one) and whether it subtracts */
  readonly value?: Expr | null;
  readonly negate?: boolean;
}

interface Use {
  readonly writes: Write[];
  readonly reads: Pos[];
}

/** Fills `model` on every parallel prange of `k` and reports races. */
export function analyseLoops(k: Kernel, sink: DiagnosticSink, textOf: (p: Pos) => string): void {
  clearSystemCache();
  for (const p of k.pranges) {
    const from = sink.items.length;
    const model = analyseLoop(k, p, sink, textOf);
    p.model = Object.freeze({ ...model, diagnostics: Object.freeze([from, sink.items.length] as const) });
  }
}

const FLIP = { "<": ">", "<=": ">=", ">": "<", ">=": "<=" } as const;
const NEGATE = { "<": ">=", "<=": ">", ">": "<=", ">=": "<" } as const;

function analyseLoop(k: Kernel, loop: PrangeStmt, sink: DiagnosticSink, textOf: (p: Pos) => string): Omit<LoopModel, "diagnostics"> {
  const uses = new Map<Var, Use>();
  /** variables of an almost-compound reduction: why it is not one */
  const nearMiss = new Map<Var, string>();
  const arraysRead = new Set<Var>();
  const arraysWritten = new Set<Var>();
  const isOuter = (v: Var): boolean => !v.array && v.owner !== loop && v.kind !== "index";
  const use = (v: Var): Use => {
    let u = uses.get(v);
    if (!u) uses.set(v, (u = { writes: [], reads: [] }));
    return u;
  };

  const scanExpr = (e: Expr): void => {
    switch (e.k) {
      case "var":
        if (isOuter(e.v)) use(e.v).reads.push(e);
        return;
      case "load":
        arraysRead.add(e.ref.array);
        scanExpr(e.ref.index);
        return;
      case "store":
      case "updateElem":
        arraysWritten.add(e.ref.array);
        if (e.k === "updateElem" || e.op !== "=") arraysRead.add(e.ref.array);
        scanExpr(e.ref.index);
        if (e.k === "store") scanExpr(e.value);
        return;
      case "update":
        if (isOuter(e.target)) use(e.target).writes.push({ pos: e, op: e.target.ty?.k === "bool" ? null : "+", value: null, negate: e.op === "--" });
        return;
      case "assign": {
        const v = e.target;
        if (!isOuter(v)) {
          scanExpr(e.value);
          return;
        }
        const w = classify(v, e.op, e.value, e);
        use(v).writes.push(w.write);
        for (const x of w.scan) scanExpr(x);
        return;
      }
      case "unary":
        scanExpr(e.e);
        return;
      case "binary":
      case "logical":
        scanExpr(e.l);
        scanExpr(e.r);
        return;
      case "cond":
        scanExpr(e.c);
        scanExpr(e.t);
        scanExpr(e.f);
        return;
      case "call":
        e.args.forEach(scanExpr);
        return;
      case "comma":
        e.es.forEach(scanExpr);
        return;
      case "newArray":
        scanExpr(e.len);
        return;
      case "atomic":
        // every form reads the element (copied in); all but Atomics.load write it (copied back)
        arraysRead.add(e.ref.array);
        if (e.op !== "load") arraysWritten.add(e.ref.array);
        scanExpr(e.ref.index);
        e.args.forEach(scanExpr);
        return;
      default:
        return;
    }
  };

  const scanStmts = (stmts: readonly Stmt[]): void => {
    for (const s of stmts) {
      switch (s.k) {
        case "expr":
          scanExpr(s.e);
          break;
        case "let":
          if (s.init) scanExpr(s.init);
          break;
        case "return":
          if (s.e) scanExpr(s.e);
          break;
        case "if": {
          const g = ifLoc(s, isOuter);
          if (!g && s.f.length) {
            // a compound reduction but for its else branch: say so where the race is reported
            const thenEmpty = s.t.every((x) => x.k === "block" && x.body.length === 0);
            const without = ifLoc(thenEmpty ? { ...s, t: s.f, f: [] } : { ...s, f: [] }, isOuter);
            const why = thenEmpty
              ? "would be a compound min/max reduction, but on doubles an `else` branch also replaces on NaN: write the update under `if (x < m)`"
              : "would be a compound min/max reduction (`if (x < m) { m = x; k = i; }`), but its `else` branch runs on the running value, which a chunk of iterations does not know: move the else code out of the `if`";
            for (const w of without?.writes ?? []) nearMiss.set(w.v, why);
          }
          if (g) {
            for (const w of g.writes) use(w.v).writes.push(w.write);
            for (const x of g.scan) scanExpr(x);
            break;
          }
          const r = ifMinMax(s, isOuter);
          if (r) {
            use(r.v).writes.push(r.write);
            scanExpr(r.e);
          } else {
            scanExpr(s.c);
            scanStmts(s.t);
          }
          scanStmts(s.f);
          break;
        }
        case "loop":
          scanStmts(s.init);
          if (s.cond) scanExpr(s.cond);
          if (s.update) scanExpr(s.update);
          scanStmts(s.body);
          break;
        case "prange":
          scanExpr(s.rangeStart);
          scanExpr(s.rangeStop);
          scanExpr(s.rangeStep);
          scanStmts(s.body);
          break;
        case "block":
          scanStmts(s.body);
          break;
        default:
          break;
      }
    }
  };
  scanStmts(loop.body);
  scanExpr(loop.rangeStart);
  scanExpr(loop.rangeStop);
  scanExpr(loop.rangeStep);

  const acc = collectAccesses(k, loop, textOf);
  const liveIn: Var[] = [];
  const reductions: Reduction[] = [];
  const privates: Var[] = [];
  const shared: Var[] = [];
  for (const [v, u] of uses) {
    if (u.writes.length === 0) {
      liveIn.push(v);
      continue;
    }
    const ops = new Set(u.writes.map(opKey));
    const allPatterns = !ops.has(null);
    const first = u.writes[0]!;
    const loopRead = u.reads.find((r) => r.start >= loop.start && r.end <= loop.end);
    if (allPatterns && ops.size === 1 && !loopRead) {
      reductions.push(reductionOf(v, first, u.writes));
      continue;
    }
    const afterRead = liveAfter(k, loop, v);
    const beforeWrite = exposedRead(loop, v);
    if (!afterRead && !beforeWrite) {
      privates.push(v);
      continue;
    }
    if (allPatterns && ops.size === 1) {
      reductions.push(reductionOf(v, first, u.writes));
      sink.report("PF2003", loopRead!, [v.name], [sink.related(`'${v.name}' is updated here`, first.pos)]);
      continue;
    }
    // mixed operators: a reduction gone wrong, unless every iteration writes it first (then it is a
    // per-iteration value that is read after the loop: the race of PF2001 below)
    if (allPatterns && ops.size > 1 && beforeWrite) {
      const [a, b] = [...ops] as string[];
      sink.report("PF1013", u.writes.find((w) => opKey(w) === b)!.pos, [v.name, opName(a!), opName(b!)]);
      continue;
    }
    shared.push(v);
    // only one iteration touches it (`if (i === 0) v = …`): no other iteration races with it
    if (acc.singleIteration.has(v)) continue;
    const readPos = afterRead ?? beforeWrite!;
    const why = afterRead ? "read after it" : "read before it is written in an iteration";
    const w = u.writes.find((x) => x.op === null) ?? first;
    const related = [sink.related(`'${v.name}' is read here`, readPos)];
    if (w.hint) sink.report("PF2004", w.pos, [v.name, w.hint], related);
    else sink.report("PF2001", w.pos, [v.name, nearMiss.has(v) ? `${why} (it ${nearMiss.get(v)!})` : why], related);
  }

  settleGroups(reductions, shared, uses, sink);

  reportBoundWrites(loop, sink);
  const pt = pointsToOf(k);
  const arrayReductions = reportArrayRaces(loop, acc, sink, textOf, findArrayReductions(loop, (a) => {
    const others = acc.accesses.map((x) => x.array).find((b) => b !== a && pt.mayAlias(loop, a, b));
    return others ? others.name : null;
  }), pt);
  // the partial block of a chunk: 8 bytes per scalar state, a loc key's touched flag after it
  let offset = 0;
  const laidOut = reductions.map((r) => {
    const bytes = r.op === "loc" ? 16 : 8;
    const out = { ...r, offset, bytes };
    offset += bytes;
    return out;
  });
  return {
    liveIn,
    reductions: laidOut,
    arrayReductions,
    partialBytes: offset,
    privates,
    shared,
    arraysRead: [...arraysRead],
    arraysWritten: [...arraysWritten],
    serialUnless: acc.decomp?.assumed ? [acc.decomp.assumed] : [],
    shiftsAssumed: acc.shiftsAssumed,
    lineIters: lineIters(loop, acc.accesses),
  };
}

/** Bytes of the cache line false sharing is counted in. */
const LINE_BYTES = 64;

/**
 * How many consecutive iterations write within one cache line: for each write whose index moves
 * by a known number of elements per iteration (its affine coefficient of the index times the
 * loop's constant step), 64 bytes over that distance in bytes; the largest, or 1.
 */
function lineIters(loop: PrangeStmt, accesses: readonly Access[]): number {
  const step = stepOf(loop);
  if (step === null || !Number.isInteger(step) || step === 0) return 1;
  let most = 1;
  for (const a of accesses) {
    if (!a.write || a.form === null || (a.frame?.decomp ?? null) !== null) continue;
    const { c, symbolic } = coefOf(a.form, loop.index);
    if (symbolic || c === 0 || !Number.isInteger(c)) continue;
    const bytes = Math.abs(c * step) * ELEMENT_BYTES[a.array.array ?? "Float64Array"];
    if (bytes < LINE_BYTES) most = Math.max(most, Math.ceil(LINE_BYTES / bytes));
  }
  return most;
}

function opKey(w: Write): string | null {
  if (w.op === null) return null;
  const group = w.op === "loc" ? ":" + w.carried!.map((c) => c.id).join(",") : w.op === "carried" ? ":" + w.key!.id : "";
  return w.op + (w.cmp ?? "") + group;
}

/**
 * A compound reduction holds only when its key and every carried variable ended up reductions of
 * that one group; otherwise all of them are shared (reported as races).
 */
function settleGroups(reductions: Reduction[], shared: Var[], uses: Map<Var, Use>, sink: DiagnosticSink): void {
  for (let changed = true; changed; ) {
    changed = false;
    const byVar = new Map(reductions.map((r) => [r.v, r]));
    for (const r of reductions) {
      const members = r.op === "loc" ? [r.v, ...r.carried!] : r.op === "carried" ? [r.key!] : [];
      if (members.length === 0) continue;
      const key = r.op === "loc" ? r : byVar.get(r.key!);
      const ok = key !== undefined && key.op === "loc" && key.carried!.every((c) => byVar.get(c)?.op === "carried" && byVar.get(c)!.key === key.v);
      if (ok) continue;
      const group = key !== undefined && key.op === "loc" ? [key.v, ...key.carried!] : [r.v];
      for (const v of group) {
        const i = reductions.findIndex((x) => x.v === v);
        if (i < 0) continue;
        reductions.splice(i, 1);
        shared.push(v);
        const w = uses.get(v)!.writes[0]!;
        sink.report("PF2001", w.pos, [v.name, "its compound reduction does not hold (another variable of the group is also written outside the `if`)"]);
      }
      changed = true;
      break;
    }
  }
}

function opName(key: string): string {
  if (key.startsWith("loc") || key.startsWith("carried")) return "a compound `if (x < m) { m = x; k = … }`";
  return key.startsWith("minIf") || key.startsWith("maxIf") ? `if (… ${key.slice(5)} …)` : key === "flag" ? "= constant" : key;
}

function reductionOf(v: Var, w: Write, all: readonly Write[]): Reduction {
  const updates = all.map((x) => ({ at: x.pos as Expr, value: x.value ?? null, negate: x.negate ?? false }));
  return { v, op: w.op!, cmp: w.cmp, flagValue: w.flagValue, carried: w.carried, key: w.key, updates, offset: 0, bytes: 0 };
}

/** Classifies `v op= value` as a reduction pattern or not; `scan` lists what else to scan for uses. */
function classify(v: Var, op: string, value: Expr, pos: Pos): { write: Write; scan: Expr[] } {
  const isV = (e: Expr): boolean => e.k === "var" && e.v === v;
  const free = (e: Expr): boolean => !mentions(e, v);
  const none = { write: { pos, op: null }, scan: [value] };
  const bool = v.ty?.k === "bool";
  const ok = (rop: ReduceOp, rest: Expr, extra: Partial<Write> = {}): { write: Write; scan: Expr[] } => ({
    write: { pos, op: rop, value: rest, negate: op === "-=" || (op === "=" && value.k === "binary" && value.op === "-"), ...extra },
    scan: [rest],
  });
  if (!free(value)) {
    if (op !== "=") return none;
  } else {
    switch (op) {
      case "+=":
      case "-=":
        return bool ? none : ok("+", value);
      case "*=":
        return bool ? none : ok("*", value);
      case "&=":
      case "|=":
      case "^=":
        return ok(op[0] as "&" | "|" | "^", value);
      case "&&=":
      case "||=":
        return ok(op.slice(0, 2) as "&&" | "||", value);
      case "=":
        if (value.k === "num" || value.k === "bool") return { write: { pos, op: "flag", flagValue: value }, scan: [] };
        return none;
      default:
        return none;
    }
  }
  // op is "=" and value reads v: s = s + e, s = e + s, s = s - e, s = s * e, Math.min(s, e), ternaries
  const e = value;
  if (e.k === "binary" && !bool) {
    if ((e.op === "+" || e.op === "*" || e.op === "&" || e.op === "|" || e.op === "^") && isV(e.l) && free(e.r)) return ok(e.op === "+" ? "+" : e.op, e.r);
    if ((e.op === "+" || e.op === "*" || e.op === "&" || e.op === "|" || e.op === "^") && isV(e.r) && free(e.l)) return ok(e.op, e.l);
    if (e.op === "-" && isV(e.l) && free(e.r)) return ok("+", e.r);
  }
  if (e.k === "logical" && (e.op === "&&" || e.op === "||") && isV(e.l) && free(e.r)) return ok(e.op, e.r);
  if (e.k === "call" && (e.fn === "min" || e.fn === "max") && e.args.length === 2 && !bool) {
    const [a, b] = e.args as [Expr, Expr];
    if (isV(a) && free(b)) return ok(e.fn, b);
    if (isV(b) && free(a)) return ok(e.fn, a);
  }
  if (e.k === "cond" && e.c.k === "binary" && !bool) {
    const c = e.c;
    if (c.op === "<" || c.op === "<=" || c.op === ">" || c.op === ">=") {
      // normalise to `x cmp s ? x : s` (x replaces s when the comparison holds)
      let x: Expr | null = null;
      let cmp: "<" | "<=" | ">" | ">=" = c.op;
      if (isV(c.r) && free(c.l)) x = c.l;
      else if (isV(c.l) && free(c.r)) {
        x = c.r;
        cmp = FLIP[c.op];
      }
      if (x && isPure(x) && exprEquals(e.t, x) && isV(e.f)) {
        return ok(cmp === "<" || cmp === "<=" ? "minIf" : "maxIf", x, { cmp });
      }
      if (x && isPure(x) && isV(e.t) && exprEquals(e.f, x)) {
        // `s = s >= x ? s : x`: x replaces s when the comparison fails, NaN included
        const isMax = cmp === "<" || cmp === "<=";
        const f = isMax ? "max" : "min";
        return { write: { pos, op: null, hint: `\`${v.name} = Math.${f}(${v.name}, x)\` or \`if (x ${isMax ? ">" : "<"} ${v.name}) ${v.name} = x\`` }, scan: [x] };
      }
    }
  }
  return none;
}

/**
 * A compound (MINLOC/MAXLOC) update: `if (x cmp s) { s = x; k = e; ... }` where the branch only
 * assigns outer scalars with `=`, one of them the `s` of the comparison set to the compared
 * (pure) `x`, the others to pure values that read none of the group. Several carried variables
 * are allowed; an `else` branch is ordinary code.
 */
function ifLoc(s: Extract<Stmt, { k: "if" }>, isOuter: (v: Var) => boolean): { writes: { v: Var; write: Write }[]; scan: Expr[] } | null {
  const c = s.c;
  if (c.k !== "binary" || !(c.op === "<" || c.op === "<=" || c.op === ">" || c.op === ">=")) return null;
  const empty = (ss: readonly Stmt[]): boolean => ss.every((st) => st.k === "block" && empty(st.body));
  // an else branch runs on the running value's comparison, which a chunk does not know: only
  // `if (x >= m) {} else { m = x; … }` is allowed, and only on integers (never NaN, so the
  // negation is the comparison `x < m`)
  let op0: "<" | "<=" | ">" | ">=" = c.op;
  let body = s.t;
  if (!empty(s.f)) {
    if (!empty(s.t) || !isInt(c.l.ty) || !isInt(c.r.ty)) return null;
    op0 = NEGATE[c.op];
    body = s.f;
  }
  const assigns: Extract<Expr, { k: "assign" }>[] = [];
  const flat = (ss: readonly Stmt[]): boolean =>
    ss.every((st) => (st.k === "block" ? flat(st.body) : st.k === "expr" && st.e.k === "assign" && st.e.op === "=" && isOuter(st.e.target) && assigns.push(st.e) > 0));
  if (!flat(body) || assigns.length < 2) return null;
  const targets = assigns.map((a) => a.target);
  if (new Set(targets).size !== targets.length) return null;
  for (const key of targets) {
    if (key.ty?.k === "bool") continue;
    const isKey = (e: Expr): boolean => e.k === "var" && e.v === key;
    let x: Expr | null = null;
    let cmp: "<" | "<=" | ">" | ">=" = op0;
    if (isKey(c.r)) x = c.l;
    else if (isKey(c.l)) {
      x = c.r;
      cmp = FLIP[op0];
    }
    if (!x || !isPure(x) || targets.some((t) => mentions(x!, t))) continue;
    const ka = assigns.find((a) => a.target === key)!;
    if (!exprEquals(ka.value, x)) continue;
    const carried = targets.filter((t) => t !== key);
    if (!assigns.every((a) => a === ka || (isPure(a.value) && !targets.some((t) => mentions(a.value, t))))) return null;
    const op: ReduceOp = "loc";
    const writes = [
      { v: key, write: { pos: ka, op, cmp, carried, value: x, negate: false } as Write },
      ...assigns.filter((a) => a !== ka).map((a) => ({ v: a.target, write: { pos: a, op: "carried" as ReduceOp, cmp, key, value: a.value, negate: false } as Write })),
    ];
    return { writes, scan: [x, ...assigns.filter((a) => a !== ka).map((a) => a.value)] };
  }
  return null;
}

/** `if (x < s) s = x;` (and the other comparisons/orders) with nothing else in the branch. */
function ifMinMax(s: Extract<Stmt, { k: "if" }>, isOuter: (v: Var) => boolean): { v: Var; e: Expr; write: Write } | null {
  if (s.t.length !== 1 || s.f.length !== 0) return null;
  let st = s.t[0]!;
  while (st.k === "block" && st.body.length === 1) st = st.body[0]!;
  if (st.k !== "expr" || st.e.k !== "assign" || st.e.op !== "=") return null;
  const v = st.e.target;
  if (!isOuter(v) || v.ty?.k === "bool") return null;
  const c = s.c;
  if (c.k !== "binary" || !(c.op === "<" || c.op === "<=" || c.op === ">" || c.op === ">=")) return null;
  const isV = (e: Expr): boolean => e.k === "var" && e.v === v;
  let x: Expr | null = null;
  let cmp: "<" | "<=" | ">" | ">=" = c.op;
  if (isV(c.r) && !mentions(c.l, v)) x = c.l;
  else if (isV(c.l) && !mentions(c.r, v)) {
    x = c.r;
    cmp = FLIP[c.op];
  }
  if (!x || !isPure(x) || !exprEquals(st.e.value, x)) return null;
  return { v, e: x, write: { pos: st.e, op: cmp === "<" || cmp === "<=" ? "minIf" : "maxIf", cmp, value: x, negate: false } };
}

/** PF2007: a variable of the prange's bounds written inside the loop (the bounds were read once, before it). */
function reportBoundWrites(loop: PrangeStmt, sink: DiagnosticSink): void {
  const inBounds = (v: Var): boolean => mentions(loop.rangeStart, v) || mentions(loop.rangeStop, v) || mentions(loop.rangeStep, v);
  const seen = new Set<Var>();
  forEachExprInStmts(loop.body, (e) => {
    if ((e.k === "assign" || e.k === "update") && !seen.has(e.target) && inBounds(e.target)) {
      seen.add(e.target);
      sink.report("PF2007", e, [e.target.name], [sink.related(`the prange's bounds read '${e.target.name}' here`, loop.callPos)]);
    }
  });
}

/**
 * PF2002, PF2005, PF2006: pairs of accesses to one array that the dependence tests cannot prove
 * independent, reported once per written access, with the other access as related information.
 */
function reportArrayRaces(
  loop: PrangeStmt,
  acc: LoopAccesses,
  sink: DiagnosticSink,
  textOf: (p: Pos) => string,
  reducible: { readonly ok: ReadonlyMap<Var, ArrayReduction>; readonly why: ReadonlyMap<Var, string> },
  pt: PointsTo,
): ArrayReduction[] {
  // variables whose value depends on the loop index, directly or through other variables
  const tainted = new Set<Var>([loop.index]);
  for (let changed = true; changed; ) {
    changed = false;
    forEachExprInStmts(loop.body, (e) => {
      if (e.k === "assign" && !tainted.has(e.target) && dependsOn(e.value, tainted)) {
        tainted.add(e.target);
        changed = true;
      }
    });
    const visitLets = (stmts: readonly Stmt[]): void => {
      for (const s of stmts) {
        if (s.k === "let" && s.init && !tainted.has(s.v) && dependsOn(s.init, tainted)) {
          tainted.add(s.v);
          changed = true;
        }
        if (s.k === "if") {
          visitLets(s.t);
          visitLets(s.f);
        } else if (s.k === "loop") {
          visitLets(s.init);
          visitLets(s.body);
        } else if (s.k === "block" || s.k === "prange") visitLets(s.body);
      }
    };
    visitLets(loop.body);
  }
  const step = stepOf(loop);
  const all = [...conflicts(acc.accesses, loop, step, acc.facts, (a, b) => pt.mayAlias(loop, a, b))];
  // arrays whose every access is one reduction operator's update: reduced, not raced (only when
  // the updates may collide: elementwise updates need no private copies)
  const reduced = new Map<Var, ArrayReduction>();
  for (const c of all) {
    const r = reducible.ok.get(c.write.array);
    if (r) reduced.set(r.array, r);
  }
  // one diagnostic per array: its most definite pair (PF2002, then PF2005, then PF2006), the
  // other accesses found racing as related locations
  const byArray = new Map<Var, { c: Conflict; code: "PF2002" | "PF2005" | "PF2006"; rank: number }[]>();
  const atomicDone = new Set<Access>();
  for (const c of all) {
    const w = c.write;
    if (reduced.has(w.array)) continue;
    if (w.atomic || c.other.atomic) {
      // a plain access against Atomics of other iterations (two Atomics never conflict): reported at the plain one
      const [plain, at] = w.atomic ? [c.other, w] : [w, c.other];
      if (atomicDone.has(plain)) continue;
      atomicDone.add(plain);
      const call = `Atomics.${at.atomic!}(${w.array.name}, ${textOf(at.index)}${at.atomic === "load" ? "" : ", …"})`;
      const why = `other iterations update those elements with Atomics, and a plain ${plain.write ? "write is not atomic: it may be lost or overwrite their updates" : "read is not atomic: it sees their updates in no fixed order"}. Access the elements with Atomics too (\`Atomics.load\`, \`Atomics.store\`), or only outside the loop`;
      sink.report("PF2006", plain.pos, [w.array.name, textOf(plain.index), why, ` and \`${call}\``], [sink.related(`'${w.array.name}' is accessed with Atomics.${at.atomic!} here`, at.pos)]);
      continue;
    }
    const same = c.other === w;
    const code = !dependsOn(w.index, tainted) && (same || c.other.write) ? "PF2002" : !w.form || !c.other.form || w.guard || c.other.guard ? "PF2006" : "PF2005";
    let l = byArray.get(w.array);
    if (!l) byArray.set(w.array, (l = []));
    l.push({ c, code, rank: code === "PF2002" ? 0 : code === "PF2005" ? 1 : 2 });
  }
  for (const list of byArray.values()) {
    const { c, code } = list.reduce((x, y) => (y.rank < x.rank ? y : x));
    const w = c.write;
    const name = w.array.name;
    const wi = textOf(w.index);
    const oi = textOf(c.other.index);
    const same = c.other === w;
    const oname = c.other.array.name;
    const related = same ? [] : [sink.related(`'${oname}[${oi}]' is ${c.other.write ? "written" : "read"} here`, c.other.pos)];
    const named = new Set<Access>([w, c.other]);
    for (const { c: d } of list) {
      for (const x of [d.write, d.other]) {
        if (named.has(x)) continue;
        named.add(x);
        related.push(sink.related(`'${x.array.name}[${textOf(x.index)}]' is ${x.write ? "written" : "read"} here too, racing in the same loop`, x.pos));
      }
    }
    // array variables: which arrays the racing accesses may touch (analysis/points-to.ts)
    for (const v of new Set([...named].map((x) => x.array))) {
      if (v.alias) related.push(sink.related(`'${v.name}' may hold ${describeHolds(pt, v)} here`, [...named].find((x) => x.array === v)!.pos));
    }
    if (code === "PF2002") sink.report("PF2002", w.pos, [name, wi, loop.index.name], related);
    else if (code === "PF2006") {
      const why = !w.form || !c.other.form ? ((w.form ? c.other.why : w.why) ?? "the subscript is not affine") + reductionHint(w, reducible.why) : `the access is under the condition \`${w.guard ?? c.other.guard}\`, which the analysis cannot resolve`;
      sink.report("PF2006", w.pos, [name, wi, why, same ? "" : ` and the ${c.other.write ? "write" : "read"} '${oname}[${oi}]'`], related);
    } else {
      const dist = c.distance !== null && c.distance > 0 ? ` (dependence distance ${c.distance})` : "";
      const through = oname === name ? "" : ` (through '${oname}', which may be the same array as '${name}')`;
      sink.report("PF2005", w.pos, [name, wi, same ? wi : oi, same ? "written" : c.other.write ? "written" : "read", dist + through, loop.index.name, oname], related);
    }
  }
  return [...reduced.values()];
}

/** For a data-dependent update that is not an array reduction: what would make it one. */
function reductionHint(w: Access, why: ReadonlyMap<Var, string>): string {
  const r = why.get(w.array);
  if (r === undefined) return "";
  return `. It would be reduced through private copies if the loop updated '${w.array.name}' only with one operator (\`${w.array.name}[k] += w\`, \`${w.array.name}[k]++\`, \`-=\`, \`*=\`, \`|=\`, \`&=\`, \`${w.array.name}[k] = Math.max(${w.array.name}[k], v)\`) and accessed it nowhere else in the loop, but ${r}`;
}

/** Whether `e` reads one of `vars` or the result of an Atomics call (different in every iteration, like the index). */
function dependsOn(e: Expr, vars: Set<Var>): boolean {
  for (const v of vars) if (mentions(e, v)) return true;
  let atomic = false;
  visitExpr(e, (x) => {
    if (x.k === "atomic") atomic = true;
  });
  return atomic;
}
