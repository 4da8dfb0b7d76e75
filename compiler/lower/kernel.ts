/**
 * Assembles a kernel's module: imports, helpers, `main` (the leader's function), and for each
 * parallel prange `loop_<k>` (one chunk of iterations, run by any thread) and `combine_<k>`
 * (folds the per-chunk partial results of reductions in chunk order, so the result does not
 * depend on the thread count).
 *
 *   loop_k(frame, itLo, itHi, partial):
 *     load arrays, live-ins, start/step from the frame; reduction accumulators := identity;
 *     reduced arrays: their base is the chunk's private copy, filled with the identity
 *     for it in [itLo, itHi): i = start + it*step; body
 *     store accumulators at partial + r.offset (a compound key: value, then its updated flag)
 *
 *   combine_k(frame, base, chunks):
 *     for each reduction r: acc := frame[slot r]; for c in 0..chunks: acc := acc (op) partial[c][r]
 *     frame[slot r] := acc
 *     (a compound key: if chunk c updated it and its value wins the loop's comparison, it and
 *     its carried variables take chunk c's values)
 *     for each reduced array h, c in 0..chunks, j in 0..len: h[j] := h[j] (op) copy[c][j]
 *
 * The layout of the partial block is the analysis's (LoopModel.reductions[].offset, partialBytes,
 * arrayReductions); the runtime reads it from the artifact (LoopInfo.partialBytes, arrayPartials).
 */
import type { ArrayKind, CompiledKernel, LoopInfo } from "../artifact.js";
import type { ArrayReduceOp, ArrayReduction, Expr, Kernel, LoopStmt, PrangeStmt, Reduction, Stmt, Ty, Var } from "../model/ir.js";
import { I32_MAX, I32_MIN, INT53 } from "../model/ir.js";
import { IMPORTED_MATH, mathArity } from "../model/builtins.js";
import { forEachExprInStmts, forEachStmt } from "../model/walk.js";
import { emitBinary, emitExpr, localOperand, type Operand } from "./expr.js";
import { FnLowerer, type Imports, loadOf, type ModuleCtx, storeOf, wasmType } from "./fn.js";
import { layoutFrame } from "./frame.js";
import { addHelpers } from "./helpers.js";
import { addShadowFunctions } from "./shadow.js";
import { beginCheck } from "./checked.js";
import { mathImportField, mathImportKey } from "./math.js";
import { emitCountedBody, emitStmts, returnWant } from "./stmt.js";
import { definitelyReturns } from "../analysis/types.js";
import { ModuleBuilder, ValType } from "./wasm/encoder.js";
import { emitVectorPart } from "./vector.js";
import { laneVerdict, type ScalarReason } from "./vector-check.js";
import { emitChunkCheck, planChunk, withFastTypes } from "./hoist.js";
import { linkMath, planMath } from "./mathlink.js";
import { Op, OpFC } from "./wasm/opcodes.js";

const { f64, i32 } = { f64: ValType.f64, i32: ValType.i32 };

/**
 * What lowering decided for one parallel prange beyond what the artifact records (read by
 * compiler/explain): why the body runs one lane, which checks moved to chunk entry, and the value
 * each chunk's accumulators start from.
 */
export interface LoweringNote {
  readonly id: number;
  readonly lanes: 1 | 2;
  /** why the body runs one iteration at a time; null when it runs two lanes */
  readonly scalar: ScalarReason | null;
  /** access sites proven in bounds at chunk entry (the checked-once path, hoist.ts) */
  readonly hoistedSites: readonly number[];
  /** per scalar reduction: the value a chunk's accumulator starts from (null: it starts from the value before the loop, or from its key's) */
  readonly starts: readonly { readonly v: Var; readonly value: number | null }[];
  /** per array reduction: the value every element of a chunk's private copy starts from */
  readonly arrayStarts: readonly { readonly array: Var; readonly value: number }[];
  /** innermost loops of the body with a two-lane part over their own counter (their source spans) */
  readonly laneLoops: readonly { readonly start: number; readonly end: number }[];
  /** innermost loops that keep one element in a local across their trips (promote.ts): the loop's span, the array, its index's span */
  readonly keptLoops: readonly { readonly loop: { readonly start: number; readonly end: number }; readonly array: string; readonly index: { readonly start: number; readonly end: number } }[];
}

/** Lowers a typed, analysed kernel to a compiled artifact; `notes` (when given) receives a LoweringNote per parallel prange. */
export function lowerKernel(
  k: Kernel,
  positions: (p: { start: number }) => { line: number; column: number },
  opts: { readonly checkRaces?: boolean; readonly probeFastPath?: boolean; readonly notes?: LoweringNote[] } = {},
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
  };
  let makesArrays = false;
  forEachExprInStmts(k.body, (e) => {
    if (e.k === "newArray") makesArrays = true;
  });
  if (makesArrays) {
    Object.assign(imports, {
      alloc: m.importFunc("env", "alloc", [f64, i32], [i32]),
      mark: m.importFunc("env", "mark", [], [i32]),
      reset: m.importFunc("env", "reset", [i32], []),
      oobLen: m.importFunc("env", "oobLen", [i32, f64, i32], []),
    });
  } else if (k.vars.some((v) => v.alias)) {
    // an assigned array parameter's bounds error passes the length of the array it holds
    Object.assign(imports, { oobLen: m.importFunc("env", "oobLen", [i32, f64, i32], []) });
  }
  // two-lane loops keep their constants in the scratch block (see vector.ts); checked mode
  // instruments scalar accesses only
  const verdicts = new Map(k.pranges.map((p) => [p, scalarReason(p, opts.checkRaces === true)]));
  const twoLane = new Set(k.pranges.filter((p) => verdicts.get(p) === null));
  // (inner loops may run on lanes too: vector-check.ts innerLanes)
  const scratch = plan.linked.size || twoLane.size || k.pranges.some(hasLoop) ? m.importGlobal("env", "mathScratch", i32) : -1;
  const helpers = addHelpers(m);
  const linked = linkMath(m, plan, scratch);
  for (const u of used) if (isLinked(u)) math.set(u.key, linked.indices.get(u.name)!);
  // checked mode: the shadow-state functions (after every import, which come first in the index space)
  const shadow = opts.checkRaces ? addShadowFunctions(m) : undefined;
  // checked mode: shared scalars get shadow words too, and their accesses sites after the arrays'
  const sites: { array: string; pos: { start: number; end: number } }[] = [...k.sites];
  const checkedScalars = new Map<Var, number>();
  const siteAt = new Map<string, number>();
  if (opts.checkRaces) for (const p of k.pranges) for (const v of p.model?.shared ?? []) if (!checkedScalars.has(v)) checkedScalars.set(v, checkedScalars.size);
  const addSite = (name: string, at: { start: number; end: number }): number => {
    const key = `${name}@${at.start}:${at.end}`;
    let n = siteAt.get(key);
    if (n === undefined) {
      siteAt.set(key, (n = sites.length));
      sites.push({ array: name, pos: at });
    }
    return n;
  };
  // main comes next, then loop_k (and combine_k) in prange order: main may call a loop_k itself
  const inlineLoops = new Map<number, number>();
  const mainBodies = new Set<number>();
  let nextFn = m.nextFunctionIndex() + 1;
  for (const p of k.pranges) {
    if (!opts.checkRaces && frame.loopInline[p.id] !== undefined) {
      inlineLoops.set(p.id, nextFn);
      if (!hasLoop(p) && bodySize(p) <= MAIN_BODY_LIMIT) mainBodies.add(p.id);
    }
    nextFn += p.model!.reductions.length || p.model!.arrayReductions.length ? 2 : 1;
  }
  const ctx: ModuleCtx = {
    kernel: k, frame, helpers, imports: shadow === undefined ? imports : { ...imports, ...shadow }, mathScratch: scratch, linkedMath: linked, arenaLoops: arenaLoops(k),
    inlineLoops,
    mainBodies,
    ...(opts.probeFastPath ? { probeFastPath: true } : {}),
    ...(checkedScalars.size ? { checkedScalars, addSite } : {}),
  };

  m.exportFunc("main", m.addFunction(lowerMain(ctx).fb));
  const loops: LoopInfo[] = [];
  for (const p of k.pranges) {
    const paths = { lanes: 1 as 1 | 2, hoistedChecks: 0 };
    const hoisted: number[] = [];
    const lowered = lowerLoop(ctx, p, twoLane.has(p), paths, hoisted);
    const fnIndex = m.addFunction(lowered.fb);
    if (inlineLoops.has(p.id) && inlineLoops.get(p.id) !== fnIndex) throw new Error(`internal: loop_${p.id} is function ${fnIndex}, main calls ${inlineLoops.get(p.id)}`);
    m.exportFunc(`loop_${p.id}`, fnIndex);
    opts.notes?.push({
      id: p.id,
      lanes: paths.lanes,
      scalar: paths.lanes === 2 ? null : (verdicts.get(p) ?? { why: "the index is carried as a double", at: null }),
      hoistedSites: hoisted,
      starts: p.model!.reductions.map((r) => ({ v: r.v, value: r.op === "flag" || r.op === "carried" ? null : (untouched(r) ?? identity(r)) })),
      arrayStarts: p.model!.arrayReductions.map((r) => ({ array: r.array, value: arrayIdentity(r.op, r.array.array!) })),
      laneLoops: lowered.laneLoops,
      keptLoops: lowered.keptLoops,
    });
    if (p.model!.reductions.length || p.model!.arrayReductions.length) m.exportFunc(`combine_${p.id}`, m.addFunction(lowerCombine(ctx, p).fb));
    const at = positions(p.callPos);
    loops.push({
      id: p.id,
      startOffset: frame.loopStart[p.id]!,
      stepOffset: frame.loopStep[p.id]!,
      wideIndex: p.index.ty!.k === "f64",
      ...paths,
      innerLoops: hasLoop(p),
      ...lineChunkOf(p.model!.lineIters, paths.lanes),
      ...(inlineLoops.has(p.id) ? { inlineOffset: frame.loopInline[p.id]! } : {}),
      ...(exactArrays(p) ? { exactArrays: true } : {}),
      reductions: p.model!.reductions.length + p.model!.arrayReductions.length,
      partialBytes: p.model!.partialBytes,
      arrayPartials: p.model!.arrayReductions.map((r) =>
        r.array.kind === "param"
          ? { param: frame.params.findIndex((x) => x.kind === "array" && x.name === r.array.name), elementBytes: ELEMENT_BYTES[r.array.array!] }
          : { param: -1, lengthOffset: frame.arraySlots.get(r.array)! + 4, elementBytes: ELEMENT_BYTES[r.array.array!] },
      ),
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
    returns: k.returnArray ? "array" : !rt ? "void" : returnWant(rt) === "f64" ? "f64" : rt.k === "bool" ? "bool" : "i32",
    ...(k.returnArray ? { returnArray: { kind: k.returnArray, lengthOffset: frame.returnLength! } } : {}),
    sites: sites.map((s) => ({ array: s.array, ...positions(s.pos) })),
    mathImports: [...new Set(used.filter((u) => !isLinked(u)).map((u) => mathImportField(u.name, u.arity)))].sort(),
    ...(opts.checkRaces ? { checked: true } : {}),
    ...(checkedScalars.size ? { checkedScalars: [...checkedScalars.keys()].map((v) => v.name) } : {}),
  };
}

/**
 * Loops whose body (outside nested loops) declares an array: each trip releases what the last
 * one made (a declaration in the function body outside loops lives until the call ends).
 */
function arenaLoops(k: Kernel): Set<LoopStmt | PrangeStmt> {
  const out = new Set<LoopStmt | PrangeStmt>();
  const walk = (ss: readonly Stmt[], loop: LoopStmt | PrangeStmt | null): void => {
    for (const s of ss) {
      if (s.k === "let" && s.init?.k === "newArray" && loop) out.add(loop);
      else if (s.k === "if") {
        walk(s.t, loop);
        walk(s.f, loop);
      } else if (s.k === "block") walk(s.body, loop);
      else if (s.k === "loop") {
        walk(s.init, loop);
        walk(s.body, s);
      } else if (s.k === "prange") walk(s.body, s);
    }
  };
  walk(k.body, null);
  return out;
}

function lowerMain(ctx: ModuleCtx): FnLowerer {
  const k = ctx.kernel;
  const rt = k.returnTy;
  const L = new FnLowerer(ctx, "main", [i32], k.returnArray ? [i32] : rt ? [returnWant(rt) === "f64" ? f64 : i32] : []);
  L.loadArrays(false);
  // a call starts with this thread's arena empty (main is outermost on its thread)
  if (ctx.imports.reset !== undefined) L.fb.i32Const(0).call(ctx.imports.reset);
  // no loop runs inline before the runtime has seen this call's settings (LoopInfo.inlineOffset)
  for (const id of ctx.inlineLoops.keys()) L.storeSlot(ValType.i64, ctx.frame.loopInline[id]!, () => L.fb.i64Const(0n));
  for (const p of ctx.frame.params) {
    if (p.kind === "array") continue;
    const v = k.params.find((x) => x.name === p.name)!;
    const from: Ty = p.kind === "f" ? { k: "f64" } : p.kind === "b" ? { k: "bool" } : { k: "i32", lo: I32_MIN, hi: I32_MAX };
    L.fb.localGet(L.frameLocal).mem(p.kind === "f" ? Op.f64_load : Op.i32_load, { align: p.kind === "f" ? 3 : 2, offset: p.offset });
    L.convertTo(from, v.ty!);
    L.setVar(v, false);
  }
  emitStmts(L, k.body);
  if (rt || k.returnArray) {
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
    case "loc":
      if (r.op === "loc" && (r.cmp === ">" || r.cmp === ">=")) return t === "i64" ? -INT53 : isInt ? I32_MIN : -Infinity;
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

/** Integer arrays whose stores wrap (or keep) every bit: `+`, `|`, `&` of int32 values are exact there in any order. */
const WRAPPING: ReadonlySet<string> = new Set(["Int8Array", "Int16Array", "Int32Array", "Uint8Array", "Uint16Array", "Uint32Array"]);

/**
 * Whether every array reduction of `p` gives the same bits for any grouping of its updates
 * (LoopInfo.exactArrays): no scalar reductions, and each reduced array is an integer array updated
 * only by ++/-- or by `+=`, `-=`, `|=`, `&=` with an int32 value. The sum of an element and an
 * int32 is an integer below 2^33, exact in doubles, and storing it wraps mod 2^bits, so the updates
 * commute and associate; | and & are exact on their own.
 */
function exactArrays(p: PrangeStmt): boolean {
  const m = p.model!;
  if (m.arrayReductions.length === 0 || m.reductions.length !== 0 || m.partialBytes !== 0) return false;
  const reduced = new Set(m.arrayReductions.map((r) => r.array));
  for (const r of m.arrayReductions) if (!WRAPPING.has(r.array.array!) || !["+", "|", "&"].includes(r.op)) return false;
  let ok = true;
  forEachExprInStmts(p.body, (e) => {
    if ((e.k === "store" || e.k === "updateElem" || e.k === "atomic") && reduced.has(e.ref.array)) {
      if (e.k === "atomic") ok = false;
      else if (e.k === "store" && !(["+=", "-=", "|=", "&="].includes(e.op) && e.value.ty!.k === "i32")) ok = false;
    }
  });
  return ok;
}

/** Whether prange `p`'s body holds a serial loop or a nested prange (inlined helpers included). */
function hasLoop(p: PrangeStmt): boolean {
  let found = false;
  forEachStmt(p.body, (s) => {
    if (s.k === "loop" || s.k === "prange") found = true;
  });
  return found;
}


/** Expressions in prange `p`'s body (a measure of the code a copy of it adds to `main`). */
function bodySize(p: PrangeStmt): number {
  let n = 0;
  forEachExprInStmts(p.body, () => void n++);
  return n;
}

/**
 * The largest body `main` carries a copy of: fft's butterfly is about 60 expressions; a copy
 * costs code size (and compile time) once per kernel.
 */
const MAIN_BODY_LIMIT = 400;

/** Why `p` runs one lane: checked mode, a double index, or what laneVerdict found; null for two lanes. */
function scalarReason(p: PrangeStmt, checked: boolean): ScalarReason | null {
  if (checked) return { why: "checked mode instruments every access (no two-lane loops)", at: null };
  if (wasmType(p.index.ty!) !== i32) return { why: "the index is carried as a double (its bounds are not proven to be int32)", at: null };
  return laneVerdict(p);
}

function lowerLoop(ctx: ModuleCtx, p: PrangeStmt, twoLane: boolean, paths: { lanes: 1 | 2; hoistedChecks: number }, hoisted: number[]): FnLowerer {
  const model = p.model!;
  const slots = ctx.frame.slots;
  const L = new FnLowerer(ctx, `loop_${p.id}`, [i32, i32, i32, i32], []);
  const fb = L.fb;
  L.raceFree = model.diagnostics[0] === model.diagnostics[1];
  L.loadArrays();
  if (ctx.imports.shadow !== undefined) beginCheck(L, p);
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
    } else if (r.op === "carried") {
      // only meaningful once its key's comparison held in this chunk (then it was assigned)
      L.local(r.v);
    } else {
      // a compound key's "updated" flag is set wherever the key is assigned (the `if`'s branch)
      if (r.op === "loc") L.flagHits.set(r.v, fb.local(i32));
      L.constOf(r.v.ty!, untouched(r) ?? identity(r));
      fb.localSet(L.local(r.v));
    }
  }
  if (model.arrayReductions.length) privateCopies(L, model.arrayReductions, model.partialBytes);
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
  const plan = planChunk(p);
  paths.hoistedChecks = plan ? plan.sites.size : 0;
  if (plan) hoisted.push(...[...plan.sites].sort((a, b) => a - b));
  if (plan) {
    // checks and index arithmetic proven once per chunk (hoist.ts); a double index's start and
    // step (safe integers) must be int32 for it
    let [start32, step32] = [start, step];
    // A loop-free body's chunk of fewer than TINY_CHUNK iterations skips the entry check: it
    // costs more than checking those few iterations' accesses one by one (fft runs ~10^5
    // pranges of 1-8 iterations a call: its one- and two-iteration stages took 1.8 ms checked
    // and 2.8 ms through the check, its four- and eight-iteration ones 1.5 ms checked and 0.9 ms
    // through it). Same iterations, same results, same errors.
    const mayBeTiny = !hasLoop(p);
    if (mayBeTiny) {
      fb.localGet(2).localGet(itLo).op(Op.i32_sub).i32Const(TINY_CHUNK).op(Op.i32_ge_s);
      fb.if_(i32);
    }
    if (it !== i32) {
      start32 = fb.local(i32);
      step32 = fb.local(i32);
      for (const [d, n] of [[start, start32], [step, step32]] as const) {
        fb.localGet(d).opFC(OpFC.i32_trunc_sat_f64_s).localTee(n).op(Op.f64_convert_i32_s).localGet(d).op(Op.f64_eq);
      }
      fb.op(Op.i32_and);
    }
    emitChunkCheck(L, plan, itLo, 2, start32, step32);
    if (it !== i32) fb.op(Op.i32_and);
    if (mayBeTiny) fb.else_().i32Const(0).end();
    fb.if_("void");
    L.pushLabel(null, "other");
    withFastTypes(L, plan, () => emitCountedBody(L, p, itLo, 2, start32, step32));
    fb.else_();
    if (ctx.probeFastPath) {
      // a test's probe: a chunk that may take the fast path did not (an empty remainder after the lanes is no chunk)
      if (mayBeTiny) fb.localGet(2).localGet(itLo).op(Op.i32_sub).i32Const(TINY_CHUNK).op(Op.i32_ge_s);
      else fb.localGet(2).localGet(itLo).op(Op.i32_gt_s);
      fb.if_("void").unreachable().end();
    }
    emitCountedBody(L, p, itLo, 2, start, step);
    L.popLabel();
    fb.end();
  } else emitCountedBody(L, p, itLo, 2, start, step);
  for (const r of model.reductions) {
    fb.localGet(3);
    if (r.op === "flag") fb.localGet(L.flagHits.get(r.v)!).mem(Op.i32_store, { align: 2, offset: r.offset });
    else {
      fb.localGet(L.local(r.v));
      const [op, m] = storeOf(wasmType(r.v.ty!));
      fb.mem(op, { ...m, offset: r.offset });
      if (r.op === "loc") fb.localGet(3).localGet(L.flagHits.get(r.v)!).mem(Op.i32_store, { align: 2, offset: r.offset + 8 });
    }
  }
  return L;
}

/** Chunks below this many iterations of a loop-free body run the checked loop without an entry check. */
const TINY_CHUNK = 4;

const ELEMENT_BYTES: Readonly<Record<ArrayKind, number>> = {
  Float64Array: 8,
  Float32Array: 4,
  Int32Array: 4,
  Uint32Array: 4,
  Int16Array: 2,
  Uint16Array: 2,
  Int8Array: 1,
  Uint8Array: 1,
  Uint8ClampedArray: 1,
};

/** How combine and the identity fill treat an element of a reduced array. */
interface ElemOps {
  readonly bytes: number;
  readonly load: readonly [number, { align: number; offset: number }];
  readonly store: readonly [number, { align: number; offset: number }];
  /** f32 elements are combined as doubles (exact for +, *, min, max of two floats) */
  readonly f32: boolean;
  readonly float: boolean;
  readonly unsigned32: boolean;
}

function elemOps(kind: ArrayKind): ElemOps {
  const b = ELEMENT_BYTES[kind];
  const align = b === 8 ? 3 : b === 4 ? 2 : b === 2 ? 1 : 0;
  const m = { align, offset: 0 };
  const load =
    kind === "Float64Array" ? Op.f64_load : kind === "Float32Array" ? Op.f32_load : b === 4 ? Op.i32_load : kind === "Int16Array" ? Op.i32_load16_s : kind === "Uint16Array" ? Op.i32_load16_u : kind === "Int8Array" ? Op.i32_load8_s : Op.i32_load8_u;
  const store = kind === "Float64Array" ? Op.f64_store : kind === "Float32Array" ? Op.f32_store : b === 4 ? Op.i32_store : b === 2 ? Op.i32_store16 : Op.i32_store8;
  return { bytes: b, load: [load, m], store: [store, m], f32: kind === "Float32Array", float: kind === "Float64Array" || kind === "Float32Array", unsigned32: kind === "Uint32Array" };
}

/** The identity of an array reduction's operator, pushed in the element's stack type (f32 as a double). */
/** The value a private copy of an array reduced with `op` starts from, as its element holds it. */
function arrayIdentity(op: ArrayReduceOp, kind: ArrayKind): number {
  if (elemOps(kind).float) return op === "+" ? -0 : op === "*" ? 1 : op === "min" ? Infinity : -Infinity;
  const ranges: Partial<Record<ArrayKind, [number, number]>> = {
    Int8Array: [-128, 127], Uint8Array: [0, 255], Int16Array: [-32768, 32767], Uint16Array: [0, 65535], Int32Array: [I32_MIN, I32_MAX], Uint32Array: [0, 2 ** 32 - 1],
  };
  const [lo, hi] = ranges[kind]!;
  return op === "+" || op === "|" ? 0 : op === "&" ? (kind === "Uint32Array" ? hi : -1) : op === "min" ? hi : lo;
}

function pushArrayIdentity(L: FnLowerer, op: ArrayReduceOp, kind: ArrayKind): void {
  const e = elemOps(kind);
  const fb = L.fb;
  const value = arrayIdentity(op, kind);
  if (e.float) {
    fb.f64Const(value);
    if (e.f32) fb.op(Op.f32_demote_f64);
    return;
  }
  fb.i32Const(value | 0);
}

/**
 * loop_k's private copies: unless bit 0 of `partial` (local 3) is set, each reduced array's base
 * becomes its copy in the chunk's partial block (after the scalar state), filled with the
 * identity; bit 0 is cleared either way.
 */
function privateCopies(L: FnLowerer, reds: readonly ArrayReduction[], scalarBytes: number): void {
  const fb = L.fb;
  const inPlace = fb.local(i32);
  const cursor = fb.local(i32);
  const j = fb.local(i32);
  fb.localGet(3).i32Const(1).op(Op.i32_and).localSet(inPlace);
  fb.localGet(3).i32Const(-2).op(Op.i32_and).localTee(3).i32Const(scalarBytes).op(Op.i32_add).localSet(cursor);
  for (const r of reds) {
    const arr = L.arrays.get(r.array)!;
    const e = elemOps(r.array.array!);
    const base = fb.local(i32);
    fb.localGet(arr.base).localSet(base);
    fb.localGet(inPlace).op(Op.i32_eqz).if_("void");
    fb.localGet(cursor).localSet(base);
    // fill: for j in [0, len): copy[j] = identity
    fb.i32Const(0).localSet(j);
    fb.block("void").loop("void");
    fb.localGet(j).localGet(arr.len).op(Op.i32_ge_u).brIf(1);
    fb.localGet(base).localGet(j);
    if (e.bytes > 1) fb.i32Const(Math.log2(e.bytes)).op(Op.i32_shl);
    fb.op(Op.i32_add);
    pushArrayIdentity(L, r.op, r.array.array!);
    fb.mem(e.store[0], e.store[1]);
    fb.localGet(j).i32Const(1).op(Op.i32_add).localSet(j);
    fb.br(0).end().end();
    // the next copy starts 8-aligned
    fb.localGet(cursor).localGet(arr.len);
    if (e.bytes > 1) fb.i32Const(Math.log2(e.bytes)).op(Op.i32_shl);
    fb.op(Op.i32_add).i32Const(7).op(Op.i32_add).i32Const(-8).op(Op.i32_and).localSet(cursor);
    fb.end();
    L.arrays.set(r.array, { base, len: arr.len });
  }
}

/** combine_k's array part: h[j] := h[j] (op) copy_c[j] for every chunk c in order, then every j. */
function combineArrays(L: FnLowerer, reds: readonly ArrayReduction[], scalarBytes: number, stride: number): void {
  const fb = L.fb;
  const c = fb.local(i32);
  const j = fb.local(i32);
  const src = fb.local(i32);
  const dst = fb.local(i32);
  const copyOff = fb.local(i32);
  fb.i32Const(scalarBytes).localSet(copyOff);
  for (const r of reds) {
    const arr = L.arrays.get(r.array)!;
    const e = elemOps(r.array.array!);
    const sh = Math.log2(e.bytes);
    fb.i32Const(0).localSet(c);
    fb.block("void").loop("void");
    fb.localGet(c).localGet(2).op(Op.i32_ge_s).brIf(1);
    // src = base + c * stride + copyOff
    fb.localGet(1).localGet(c).localGet(stride).op(Op.i32_mul).op(Op.i32_add).localGet(copyOff).op(Op.i32_add).localSet(src);
    fb.localGet(arr.base).localSet(dst);
    fb.i32Const(0).localSet(j);
    fb.block("void").loop("void");
    fb.localGet(j).localGet(arr.len).op(Op.i32_ge_u).brIf(1);
    fb.localGet(dst);
    // value := dst[j] op src[j]
    const ld = (addr: number): void => {
      fb.localGet(addr).mem(e.load[0], e.load[1]);
      if (e.f32) fb.op(Op.f64_promote_f32);
    };
    const a = e.float ? L.temp(f64) : L.temp(i32);
    const b = e.float ? L.temp(f64) : L.temp(i32);
    ld(dst);
    fb.localSet(a);
    ld(src);
    fb.localSet(b);
    if (e.float) {
      fb.localGet(a).localGet(b).op(r.op === "+" ? Op.f64_add : r.op === "*" ? Op.f64_mul : r.op === "min" ? Op.f64_min : Op.f64_max);
      if (e.f32) fb.op(Op.f32_demote_f64);
    } else if (r.op === "min" || r.op === "max") {
      const lt = e.unsigned32 ? Op.i32_lt_u : Op.i32_lt_s;
      const gt = e.unsigned32 ? Op.i32_gt_u : Op.i32_gt_s;
      fb.localGet(b).localGet(a).localGet(b).localGet(a).op(r.op === "min" ? lt : gt).select();
    } else fb.localGet(a).localGet(b).op(r.op === "+" ? Op.i32_add : r.op === "|" ? Op.i32_or : Op.i32_and);
    L.release(e.float ? f64 : i32, a);
    L.release(e.float ? f64 : i32, b);
    fb.mem(e.store[0], e.store[1]);
    fb.localGet(dst).i32Const(e.bytes).op(Op.i32_add).localSet(dst);
    fb.localGet(src).i32Const(e.bytes).op(Op.i32_add).localSet(src);
    fb.localGet(j).i32Const(1).op(Op.i32_add).localSet(j);
    fb.br(0).end().end();
    fb.localGet(c).i32Const(1).op(Op.i32_add).localSet(c);
    fb.br(0).end().end();
    fb.localGet(copyOff).localGet(arr.len);
    if (sh) fb.i32Const(sh).op(Op.i32_shl);
    fb.op(Op.i32_add).i32Const(7).op(Op.i32_add).i32Const(-8).op(Op.i32_and).localSet(copyOff);
  }
}

function lowerCombine(ctx: ModuleCtx, p: PrangeStmt): FnLowerer {
  const model = p.model!;
  const L = new FnLowerer(ctx, `combine_${p.id}`, [i32, i32, i32], []);
  const fb = L.fb;
  const c = fb.local(i32);
  const addr = fb.local(i32);
  const inPlace = fb.local(i32);
  fb.localGet(1).i32Const(1).op(Op.i32_and).localSet(inPlace);
  fb.localGet(1).i32Const(-2).op(Op.i32_and).localSet(1);
  // chunks are `stride` bytes apart: the scalar state, then the private copies (sized at run time)
  const stride = fb.local(i32);
  fb.i32Const(model.partialBytes).localSet(stride);
  if (model.arrayReductions.length) {
    L.loadArrays();
    for (const r of model.arrayReductions) {
      fb.localGet(stride).localGet(L.arrays.get(r.array)!.len);
      const sh = Math.log2(elemOps(r.array.array!).bytes);
      if (sh) fb.i32Const(sh).op(Op.i32_shl);
      fb.op(Op.i32_add).i32Const(7).op(Op.i32_add).i32Const(-8).op(Op.i32_and).localSet(stride);
    }
  }
  for (const r of model.reductions) {
    if (r.op === "carried") continue;
    const ty = r.v.ty!;
    const t = wasmType(ty);
    const slot = ctx.frame.slots.get(r.v)!;
    const acc = fb.local(t);
    const pt = r.op === "flag" ? i32 : t;
    const part = fb.local(pt);
    L.loadSlot(t, slot);
    fb.localSet(acc);
    // a compound key's carried variables: accumulators too
    const carried = (r.carried ?? []).map((v) => {
      const cr = model.reductions.find((x) => x.v === v)!;
      const ct = wasmType(v.ty!);
      const cacc = fb.local(ct);
      L.loadSlot(ct, ctx.frame.slots.get(v)!);
      fb.localSet(cacc);
      return { v, cr, ct, cacc };
    });
    fb.i32Const(0).localSet(c).localGet(1).localSet(addr);
    fb.block("void").loop("void");
    fb.localGet(c).localGet(2).op(Op.i32_ge_s).brIf(1);
    const [lop, lm] = loadOf(pt);
    if (r.op === "loc") {
      // chunk c replaces the running value when it updated the key and wins the loop's comparison
      fb.localGet(addr).mem(Op.i32_load, { align: 2, offset: r.offset + 8 }).if_("void");
      fb.localGet(addr).mem(lop, { ...lm, offset: r.offset }).localSet(part);
      emitBinary(L, r.cmp!, localOperand(L, part, ty), localOperand(L, acc, ty), { k: "bool" });
      fb.if_("void").localGet(part).localSet(acc);
      for (const x of carried) {
        const [cl, cm] = loadOf(x.ct);
        fb.localGet(addr).mem(cl, { ...cm, offset: x.cr.offset }).localSet(x.cacc);
      }
      fb.end().end();
    } else {
      fb.localGet(addr).mem(lop, { ...lm, offset: r.offset }).localSet(part);
      const sentinel = untouched(r);
      if (sentinel !== null) {
        // skip chunks that never updated the variable (see untouched)
        fb.localGet(part);
        L.constOf(ty, sentinel);
        fb.op(t === f64 ? Op.f64_ne : Op.i64_ne).if_("void");
        combineStep(L, r, ty, acc, part);
        fb.end();
      } else combineStep(L, r, ty, acc, part);
    }
    fb.localGet(addr).localGet(stride).op(Op.i32_add).localSet(addr);
    fb.localGet(c).i32Const(1).op(Op.i32_add).localSet(c);
    fb.br(0).end().end();
    L.storeSlot(t, slot, () => fb.localGet(acc));
    for (const x of carried) L.storeSlot(x.ct, ctx.frame.slots.get(x.v)!, () => fb.localGet(x.cacc));
  }
  if (model.arrayReductions.length) {
    fb.localGet(inPlace).op(Op.i32_eqz).if_("void");
    combineArrays(L, model.arrayReductions, model.partialBytes, stride);
    fb.end();
  }
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

/** LoopInfo.lineChunk: the iterations that write one cache line, at least 2 for a two-lane body; absent when 1. */
function lineChunkOf(lineIters: number, lanes: 1 | 2): { lineChunk?: number } {
  const c = Math.max(lineIters, lanes);
  return c > 1 ? { lineChunk: c } : {};
}
