/**
 * Assembles a kernel's module: imports, helpers, `main` (the leader's function), and for each
 * parallel prange `loop_<k>` (one chunk of iterations, run by any thread) and `combine_<k>`
 * (folds the per-chunk partial results of reductions in chunk order, so the result does not
 * depend on the thread count).
 *
 *   loop_k(frame, itLo, itHi, partial):
 *     load arrays, live-ins, start/step from the frame; reduction accumulators := identity
 *     for it in [itLo, itHi): i = start + it*step; body
 *     store accumulators at partial + 8*r
 *
 *   combine_k(frame, base, chunks):
 *     for each reduction r: acc := frame[slot r]; for c in 0..chunks: acc := acc (op) partial[c][r]
 *     frame[slot r] := acc
 */
import type { CompiledKernel, LoopInfo } from "../artifact.js";
import type { Expr, Kernel, PrangeStmt, Reduction, Ty } from "../model/ir.js";
import { I32_MAX, I32_MIN, INT53 } from "../model/ir.js";
import { IMPORTED_MATH, mathArity } from "../model/builtins.js";
import { forEachExprInStmts } from "../model/walk.js";
import { emitBinary, emitExpr, localOperand, type Operand } from "./expr.js";
import { FnLowerer, type Imports, loadOf, type ModuleCtx, storeOf, wasmType } from "./fn.js";
import { layoutFrame } from "./frame.js";
import { addHelpers } from "./helpers.js";
import { mathImportField, mathImportKey } from "./math.js";
import { emitCountedBody, emitStmts, returnWant } from "./stmt.js";
import { definitelyReturns } from "../analysis/types.js";
import { ModuleBuilder, ValType } from "./wasm/encoder.js";
import { emitVectorPart, vectorisable } from "./vector.js";
import { emitChunkInBounds, hoistableSites } from "./hoist.js";
import { linkMath, planMath } from "./mathlink.js";
import { Op } from "./wasm/opcodes.js";

const { f64, i32 } = { f64: ValType.f64, i32: ValType.i32 };

/** Lowers a typed, analysed kernel to a compiled artifact. */
export function lowerKernel(
  k: Kernel,
  positions: (p: { start: number }) => { line: number; column: number },
  opts: { readonly checkRaces?: boolean } = {},
): CompiledKernel {
  const frame = layoutFrame(k);
  const m = new ModuleBuilder({ module: "env", field: "memory", minPages: 1, maxPages: 65536, shared: true });
  const mathUsed = new Map<string, number>();
  forEachExprInStmts(k.body, (e) => {
    if (e.k === "call" && IMPORTED_MATH.has(e.fn)) {
      const arity = mathArity(e.fn, e.args.length);
      mathUsed.set(mathImportKey(e.fn, arity), arity);
    }
    if ((e.k === "binary" && e.op === "**") || ((e.k === "assign" || e.k === "store") && e.op === "**=")) mathUsed.set("pow/2", 2);
  });
  // math functions: linked in from the math library where possible, else imported
  const used = [...mathUsed].sort().map(([key, arity]) => ({ key, name: key.split("/")[0]!, arity }));
  const plan = planMath(used.filter((u) => mathImportField(u.name, u.arity) === u.name));
  const isLinked = (u: { name: string; arity: number }): boolean => plan.linked.has(u.name) && mathImportField(u.name, u.arity) === u.name;
  const math = new Map<string, number>();
  for (const u of used) if (!isLinked(u)) math.set(u.key, m.importFunc("math", mathImportField(u.name, u.arity), Array(u.arity).fill(f64), [f64]));
  const imports: Imports = {
    prange: m.importFunc("env", "prange", [i32, i32, f64, f64, f64], []),
    oob: m.importFunc("env", "oob", [i32, f64], []),
    fmod: m.importFunc("env", "fmod", [f64, f64], [f64]),
    count: m.importFunc("env", "count", [f64, f64, f64, i32], [i32]),
    math,
    ...(opts.checkRaces ? { shadow: m.importFunc("env", "shadow", [i32, i32, i32, i32], []) } : {}),
  };
  // two-lane loops keep their constants in the scratch block (see vector.ts); checked mode
  // instruments scalar accesses only
  const twoLane = new Set(opts.checkRaces ? [] : k.pranges.filter(vectorisable));
  const scratch = plan.linked.size || twoLane.size ? m.importGlobal("env", "mathScratch", i32) : -1;
  const helpers = addHelpers(m);
  const linked = linkMath(m, plan, scratch);
  for (const u of used) if (isLinked(u)) math.set(u.key, linked.indices.get(u.name)!);
  const ctx: ModuleCtx = { kernel: k, frame, helpers, imports, mathScratch: scratch, linkedMath: linked };

  m.exportFunc("main", m.addFunction(lowerMain(ctx).fb));
  const loops: LoopInfo[] = [];
  for (const p of k.pranges) {
    const paths = { lanes: 1 as 1 | 2, hoistedChecks: 0 };
    m.exportFunc(`loop_${p.id}`, m.addFunction(lowerLoop(ctx, p, twoLane.has(p), paths).fb));
    if (p.model!.reductions.length) m.exportFunc(`combine_${p.id}`, m.addFunction(lowerCombine(ctx, p).fb));
    const at = positions(p.callPos);
    loops.push({
      id: p.id,
      startOffset: frame.loopStart[p.id]!,
      stepOffset: frame.loopStep[p.id]!,
      wideIndex: p.index.ty!.k === "f64",
      ...paths,
      reductions: p.model!.reductions.length,
      line: at.line,
      column: at.column,
    });
  }
  const rt = k.returnTy;
  return {
    wasm: m.encode(),
    frameSize: frame.size,
    params: frame.params,
    loops,
    returns: !rt ? "void" : returnWant(rt) === "f64" ? "f64" : rt.k === "bool" ? "bool" : "i32",
    sites: k.sites.map((s) => ({ array: s.array, ...positions(s.pos) })),
    mathImports: [...new Set(used.filter((u) => !isLinked(u)).map((u) => mathImportField(u.name, u.arity)))].sort(),
    ...(opts.checkRaces ? { checked: true } : {}),
  };
}

function lowerMain(ctx: ModuleCtx): FnLowerer {
  const k = ctx.kernel;
  const rt = k.returnTy;
  const L = new FnLowerer(ctx, "main", [i32], rt ? [returnWant(rt) === "f64" ? f64 : i32] : []);
  L.loadArrays();
  for (const p of ctx.frame.params) {
    if (p.kind === "array") continue;
    const v = k.params.find((x) => x.name === p.name)!;
    const from: Ty = p.kind === "f" ? { k: "f64" } : p.kind === "b" ? { k: "bool" } : { k: "i32", lo: I32_MIN, hi: I32_MAX };
    L.fb.localGet(L.frameLocal).mem(p.kind === "f" ? Op.f64_load : Op.i32_load, { align: p.kind === "f" ? 3 : 2, offset: p.offset });
    L.convertTo(from, v.ty!);
    L.setVar(v, false);
  }
  emitStmts(L, k.body);
  if (rt) {
    if (!definitelyReturns(k.body)) throw new Error("internal: value-returning kernel can fall off its end");
    L.fb.unreachable();
  }
  return L;
}

/** The identity of a reduction operator, in the variable's representation. */
function identity(r: Reduction): number {
  const t = r.v.ty!.k;
  const isInt = t !== "f64";
  switch (r.op) {
    case "+":
      return isInt ? 0 : -0;
    case "*":
    case "&&":
      return 1;
    case "min":
    case "minIf":
      return t === "i64" ? INT53 : isInt ? I32_MAX : Infinity;
    case "max":
    case "maxIf":
      return t === "i64" ? -INT53 : isInt ? I32_MIN : -Infinity;
    case "&":
      return -1;
    default:
      return 0;
  }
}

/**
 * A bitwise reduction of a variable that may hold a non-int32 value (`let b = -7.9; ... b |= x`)
 * must keep that value when no iteration updates it, but the combine's `b | part` would apply
 * ToInt32 to it. Its chunks therefore start from a sentinel that ToInt32 maps to the identity
 * but that no update can produce (updates give int32 values): 2^32 for | and ^, 2^32 - 1 for &.
 * A partial still equal to it means "this chunk never updated", and the combine skips it.
 */
function untouched(r: Reduction): number | null {
  if (r.v.ty!.k === "i32") return null;
  if (r.op === "|" || r.op === "^") return 2 ** 32;
  if (r.op === "&") return 2 ** 32 - 1;
  return null;
}

function lowerLoop(ctx: ModuleCtx, p: PrangeStmt, twoLane: boolean, paths: { lanes: 1 | 2; hoistedChecks: number }): FnLowerer {
  const model = p.model!;
  const slots = ctx.frame.slots;
  const L = new FnLowerer(ctx, `loop_${p.id}`, [i32, i32, i32, i32], []);
  const fb = L.fb;
  if (ctx.imports.shadow !== undefined) L.checkIndex = p.index;
  L.loadArrays();
  const load = (ty: Ty, off: number): void => L.loadSlot(wasmType(ty), off);
  for (const v of model.liveIn) {
    load(v.ty!, slots.get(v)!);
    fb.localSet(L.local(v));
  }
  for (const v of model.shared) L.memVars.set(v, slots.get(v)!);
  for (const r of model.reductions) {
    if (r.op === "flag") {
      load(r.v.ty!, slots.get(r.v)!);
      fb.localSet(L.local(r.v));
      const hit = fb.local(i32);
      L.flagHits.set(r.v, hit);
    } else {
      L.constOf(r.v.ty!, untouched(r) ?? identity(r));
      fb.localSet(L.local(r.v));
    }
  }
  const it = wasmType(p.index.ty!);
  const start = fb.local(it);
  const step = fb.local(it);
  L.loadSlot(it, ctx.frame.loopStart[p.id]!);
  fb.localSet(start);
  L.loadSlot(it, ctx.frame.loopStep[p.id]!);
  fb.localSet(step);
  let itLo = 1;
  if (it === i32 && twoLane) {
    itLo = fb.local(i32);
    paths.lanes = 2;
    fb.localGet(1).localSet(itLo);
    emitVectorPart(L, p, itLo, 2, start, step);
  }
  const sites = hoistableSites(p);
  paths.hoistedChecks = sites.length;
  if (sites.length) {
    emitChunkInBounds(L, sites, itLo, 2, start, step);
    fb.if_("void");
    L.pushLabel(null, "other");
    L.proven = new Set(sites.map((x) => x.site));
    emitCountedBody(L, p, itLo, 2, start, step);
    L.proven = new Set();
    fb.else_();
    emitCountedBody(L, p, itLo, 2, start, step);
    L.popLabel();
    fb.end();
  } else emitCountedBody(L, p, itLo, 2, start, step);
  model.reductions.forEach((r, i) => {
    fb.localGet(3);
    if (r.op === "flag") fb.localGet(L.flagHits.get(r.v)!).mem(Op.i32_store, { align: 2, offset: i * 8 });
    else {
      fb.localGet(L.local(r.v));
      const [op, m] = storeOf(wasmType(r.v.ty!));
      fb.mem(op, { ...m, offset: i * 8 });
    }
  });
  return L;
}

function lowerCombine(ctx: ModuleCtx, p: PrangeStmt): FnLowerer {
  const model = p.model!;
  const L = new FnLowerer(ctx, `combine_${p.id}`, [i32, i32, i32], []);
  const fb = L.fb;
  const stride = model.reductions.length * 8;
  const c = fb.local(i32);
  const addr = fb.local(i32);
  model.reductions.forEach((r, i) => {
    const ty = r.v.ty!;
    const t = wasmType(ty);
    const slot = ctx.frame.slots.get(r.v)!;
    const acc = fb.local(t);
    const pt = r.op === "flag" ? i32 : t;
    const part = fb.local(pt);
    L.loadSlot(t, slot);
    fb.localSet(acc);
    fb.i32Const(0).localSet(c).localGet(1).localSet(addr);
    fb.block("void").loop("void");
    fb.localGet(c).localGet(2).op(Op.i32_ge_s).brIf(1);
    const [lop, lm] = loadOf(pt);
    fb.localGet(addr).mem(lop, { ...lm, offset: i * 8 }).localSet(part);
    const sentinel = untouched(r);
    if (sentinel !== null) {
      // skip chunks that never updated the variable (see untouched)
      fb.localGet(part);
      L.constOf(ty, sentinel);
      fb.op(t === f64 ? Op.f64_ne : Op.i64_ne).if_("void");
      combineStep(L, r, ty, acc, part);
      fb.end();
    } else combineStep(L, r, ty, acc, part);
    fb.localGet(addr).i32Const(stride).op(Op.i32_add).localSet(addr);
    fb.localGet(c).i32Const(1).op(Op.i32_add).localSet(c);
    fb.br(0).end().end();
    L.storeSlot(t, slot, () => fb.localGet(acc));
  });
  return L;
}

/** acc := acc (op) part, with the same semantics the loop body used. */
function combineStep(L: FnLowerer, r: Reduction, ty: Ty, acc: number, part: number): void {
  const fb = L.fb;
  const A: Operand = localOperand(L, acc, ty);
  const P: Operand = localOperand(L, part, ty);
  switch (r.op) {
    case "flag": {
      fb.localGet(part).if_("void");
      emitExpr(L, r.flagValue! as Expr);
      L.convertTo(r.flagValue!.ty!, ty);
      fb.localSet(acc).end();
      return;
    }
    case "+":
    case "*":
    case "&":
    case "|":
    case "^": {
      const out: Ty = r.op === "+" || r.op === "*" ? ty : { k: "i32", lo: I32_MIN, hi: I32_MAX };
      emitBinary(L, r.op, A, P, out);
      L.convertTo(out, ty);
      fb.localSet(acc);
      return;
    }
    case "&&":
    case "||":
      // acc && p is p when acc is truthy, else acc; acc || p is acc when acc is truthy, else p
      fb.localGet(acc);
      L.convert(ty, "bool");
      if (r.op === "||") fb.op(Op.i32_eqz);
      fb.if_("void").localGet(part).localSet(acc).end();
      return;
    case "min":
    case "max":
      if (ty.k === "f64") fb.localGet(acc).localGet(part).op(r.op === "min" ? Op.f64_min : Op.f64_max);
      else if (ty.k === "i64") fb.localGet(part).localGet(acc).localGet(part).localGet(acc).op(r.op === "min" ? Op.i64_lt_s : Op.i64_gt_s).select();
      else fb.localGet(part).localGet(acc).localGet(part).localGet(acc).op(r.op === "min" ? Op.i32_lt_s : Op.i32_gt_s).select();
      fb.localSet(acc);
      return;
    case "minIf":
    case "maxIf": {
      // the partial replaces acc exactly when the loop's comparison `x cmp s` holds for it
      const cmp = r.cmp!;
      emitBinary(L, cmp, P, A, { k: "bool" });
      fb.if_("void").localGet(part).localSet(acc).end();
      return;
    }
  }
}
