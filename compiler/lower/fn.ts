/**
 * State of one wasm function being lowered: where each variable lives (a local, or a frame slot
 * for racy shared scalars), array base/length locals, the label stack for break/continue, temp
 * locals, and the conversions between JavaScript values and their wasm representations.
 */
import type { FrameLayout } from "./frame.js";
import type { Helpers } from "./helpers.js";
import type { LinkedMath } from "./mathlink.js";
import type { Expr, Kernel, LoopStmt, PrangeStmt, Ty, Var } from "../model/ir.js";
import { FunctionBuilder, ValType } from "./wasm/encoder.js";
import { Op, OpFC } from "./wasm/opcodes.js";
import { AccessMode, emitScalarShadow } from "./checked.js";

/** How a value is wanted on the stack. */
export type Want = "f64" | "i32" | "i64" | "int32" | "bool";

/** Imports every function of the module can call. */
export interface Imports {
  readonly prange: number;
  readonly oob: number;
  readonly fmod: number;
  readonly count: number;
  /** math import index by `name/arity` */
  readonly math: ReadonlyMap<string, number>;
  /** kernels that make arrays: runtime/arena.ts's env.alloc, env.mark, env.reset, and env.oobLen */
  readonly alloc?: number;
  readonly mark?: number;
  readonly reset?: number;
  readonly oobLen?: number;
  /** checked mode only: the shadow-state function (shadow.ts; see CompiledKernel.checked) */
  readonly shadow?: number;
  /** checked mode only: shadowLog(kind, other, param, index, me), one race record (shadow.ts) */
  readonly shadowLog?: number;
}

export interface ModuleCtx {
  readonly kernel: Kernel;
  readonly frame: FrameLayout;
  readonly helpers: Helpers;
  readonly imports: Imports;
  /** index of the imported global `env.mathScratch` (this thread's scratch block), or -1 */
  readonly mathScratch: number;
  /** the math library functions linked into the module */
  readonly linkedMath: LinkedMath;
  /** loops whose body declares arrays of the kernel's own: each trip releases them (arena.ts) */
  readonly arenaLoops: ReadonlySet<LoopStmt | PrangeStmt>;
  /** function index of `loop_<id>` for each prange `main` may run itself (LoopInfo.inlineOffset) */
  readonly inlineLoops: ReadonlyMap<number, number>;
  /**
   * inline loops whose body `main` also carries as its own serial loop, run when the count is
   * at most MAIN_LOOP_LIMIT (loop-free bodies of at most MAIN_BODY_LIMIT expressions)
   */
  readonly mainBodies: ReadonlySet<number>;
  /** CompileOptions.probeFastPath: a chunk whose fast-path entry test fails traps */
  readonly probeFastPath?: boolean;
  /** checked mode: each shared scalar's element in the kernel's scalar shadow block */
  readonly checkedScalars?: ReadonlyMap<Var, number>;
  /** checked mode: a site (an index into CompiledKernel.sites) for a scalar access at `at` */
  readonly addSite?: (name: string, at: { readonly start: number; readonly end: number }) => number;
}

interface Label {
  readonly stmt: LoopStmt | PrangeStmt | null;
  readonly kind: "break" | "continue" | "other";
}

/** wasm type of a JavaScript type's representation. */
export function wasmType(t: Ty): ValType {
  return t.k === "f64" ? ValType.f64 : t.k === "i64" ? ValType.i64 : ValType.i32;
}

/** Load opcode and alignment of a value of wasm type `t` (8-byte slots hold every kind). */
export function loadOf(t: ValType): [number, { align: number; offset: number }] {
  return t === ValType.f64 ? [Op.f64_load, { align: 3, offset: 0 }] : t === ValType.i64 ? [Op.i64_load, { align: 3, offset: 0 }] : [Op.i32_load, { align: 2, offset: 0 }];
}

export function storeOf(t: ValType): [number, { align: number; offset: number }] {
  return t === ValType.f64 ? [Op.f64_store, { align: 3, offset: 0 }] : t === ValType.i64 ? [Op.i64_store, { align: 3, offset: 0 }] : [Op.i32_store, { align: 2, offset: 0 }];
}

export class FnLowerer {
  readonly fb: FunctionBuilder;
  readonly locals = new Map<Var, number>();
  /** shared (racy) scalars accessed in the frame: offset */
  readonly memVars = new Map<Var, number>();
  /** flag reductions: local set to 1 when the flag is written */
  readonly flagHits = new Map<Var, number>();
  readonly arrays = new Map<Var, { base: number; len: number }>();
  /** access sites whose bounds the enclosing code has already checked (see hoist.ts) */
  proven: ReadonlySet<number> = new Set();
  /** on a chunk's fast path: integer quotients (hoist.ts `div` trees) computed as i32.div_s of their operands */
  fastDivs: ReadonlyMap<Expr, { readonly l: Expr; readonly r: Expr }> = new Map();
  /**
   * loop-invariant int32 subexpressions already computed into a local before the loop being
   * emitted (invariants.ts): emitExpr reads the local
   */
  exprLocals: ReadonlyMap<Expr, number> = new Map();
  /** base pointers `base + (c << shift)` of a const index c, per array (pointers.ts): array -> c -> i32 local */
  basePointers = new Map<Var, Map<Var, number>>();
  /** row addresses of proven accesses `a[X + Y]` with X moved out of the loop being emitted (invariants.ts) */
  addrLocals: ReadonlyMap<Expr, import("./invariants.js").RowAddress> = new Map();
  /** array elements kept in a local across the loop being emitted (promote.ts): array -> f64 local */
  promoted: ReadonlyMap<Var, number> = new Map();
  /** inside a prange's loop function whose race analysis reported nothing (no other iteration touches what this one writes) */
  raceFree = false;
  /** innermost loops that keep an element in a local (promote.ts): the loop's span, the array and its index's span */
  readonly keptLoops: { readonly loop: { readonly start: number; readonly end: number }; readonly array: string; readonly index: { readonly start: number; readonly end: number } }[] = [];
  /** innermost loops emitted with a two-lane part over their counter (vector.ts emitInnerLanes) */
  readonly laneLoops: { readonly start: number; readonly end: number }[] = [];
  /** checked mode, inside a prange's loop function: the prange index whose value names the iteration */
  checkIndex: Var | null = null;
  /**
   * checked mode, inside a prange's loop function: locals holding `epoch << 48` (loaded once per
   * chunk), this iteration's word `epoch << 48 | (ordinal + 1) << 16` (set at the top of each
   * iteration), and each checked array's shadow block (from the table, once per chunk)
   */
  check: { readonly epoch: number; readonly me: number; readonly bases: Map<Var, { readonly base: number; readonly param: number }>; readonly scalars: number | null } | null = null;
  private readonly labels: Label[] = [];
  private readonly freeTemps = new Map<ValType, number[]>();
  /** local index of the frame address (parameter 0 of every function) */
  readonly frameLocal = 0;

  constructor(
    readonly m: ModuleCtx,
    name: string,
    params: readonly ValType[],
    results: readonly ValType[],
  ) {
    this.fb = new FunctionBuilder(name, params, results);
  }

  /**
   * Loads every array parameter's address and length from the frame into locals, and (in the
   * functions every thread runs) those of the kernel's own arrays that loops use.
   */
  loadArrays(locals = true): void {
    const load = (v: Var, offset: number, lengthOffset: number): void => {
      const base = this.fb.local(ValType.i32);
      const len = this.fb.local(ValType.i32);
      this.fb.localGet(this.frameLocal).mem(Op.i32_load, { align: 2, offset }).localSet(base);
      this.fb.localGet(this.frameLocal).mem(Op.i32_load, { align: 2, offset: lengthOffset }).localSet(len);
      this.arrays.set(v, { base, len });
    };
    for (const p of this.m.frame.params) {
      if (p.kind !== "array") continue;
      load(this.m.kernel.params.find((x) => x.name === p.name)!, p.offset, p.lengthOffset);
    }
    if (locals) for (const [v, off] of this.m.frame.arraySlots) load(v, off, off + 4);
  }

  /** The base and length locals of a kernel's own array variable (made on first use). */
  arrayLocals(v: Var): { base: number; len: number } {
    let a = this.arrays.get(v);
    if (a === undefined) {
      a = { base: this.fb.local(ValType.i32), len: this.fb.local(ValType.i32) };
      this.arrays.set(v, a);
    }
    return a;
  }

  /** The local holding `v` (made on first use). */
  local(v: Var): number {
    let l = this.locals.get(v);
    if (l === undefined) {
      l = this.fb.local(wasmType(v.ty!));
      this.locals.set(v, l);
    }
    return l;
  }

  temp(t: ValType): number {
    const free = this.freeTemps.get(t);
    return free && free.length ? free.pop()! : this.fb.local(t);
  }
  release(t: ValType, l: number): void {
    let free = this.freeTemps.get(t);
    if (!free) this.freeTemps.set(t, (free = []));
    free.push(l);
  }

  /** Pushes the value of scalar `v` (its own representation); `at`: the access, for checked mode. */
  getVar(v: Var, at?: { readonly start: number; readonly end: number }): void {
    const off = this.memVars.get(v);
    if (off !== undefined && at !== undefined && this.check !== null) emitScalarShadow(this, v, AccessMode.Read, at);
    if (off !== undefined) this.loadSlot(wasmType(v.ty!), off);
    else this.fb.localGet(this.local(v));
  }

  /** Stores the value on top of the stack (in `v`'s representation) into `v`; keeps a copy if `keep`. */
  setVar(v: Var, keep: boolean, at?: { readonly start: number; readonly end: number }): void {
    const hit = this.flagHits.get(v);
    if (hit !== undefined) this.fb.i32Const(1).localSet(hit);
    const off = this.memVars.get(v);
    if (off === undefined) {
      if (keep) this.fb.localTee(this.local(v));
      else this.fb.localSet(this.local(v));
      return;
    }
    const t = wasmType(v.ty!);
    const tmp = this.temp(t);
    this.fb.localSet(tmp);
    if (at !== undefined && this.check !== null) emitScalarShadow(this, v, AccessMode.Write, at);
    this.fb.localGet(this.frameLocal).localGet(tmp);
    const [op, m] = storeOf(t);
    this.fb.mem(op, { ...m, offset: off });
    if (keep) this.fb.localGet(tmp);
    this.release(t, tmp);
  }

  /** Pushes the frame slot at `off` as a value of wasm type `t`. */
  loadSlot(t: ValType, off: number): void {
    const [op, m] = loadOf(t);
    this.fb.localGet(this.frameLocal).mem(op, { ...m, offset: off });
  }

  /** Stores the value of wasm type `t` that `push` pushes into the frame slot at `off`. */
  storeSlot(t: ValType, off: number, push: () => void): void {
    this.fb.localGet(this.frameLocal);
    push();
    const [op, m] = storeOf(t);
    this.fb.mem(op, { ...m, offset: off });
  }

  /** Converts the value on the stack from type `from` to the wanted representation. */
  convert(from: Ty, want: Want): void {
    const fb = this.fb;
    switch (want) {
      case "f64":
        if (from.k === "i32") fb.op(Op.f64_convert_i32_s);
        else if (from.k === "i64") fb.op(Op.f64_convert_i64_s);
        else if (from.k === "bool") fb.op(Op.f64_convert_i32_u);
        return;
      case "i32":
        if (from.k === "f64" || from.k === "i64") throw new Error(`internal: ${from.k} value where an exact i32 was proven`);
        return;
      case "i64":
        if (from.k === "i32") fb.op(Op.i64_extend_i32_s);
        else if (from.k === "bool") fb.op(Op.i64_extend_i32_u);
        else if (from.k === "f64") throw new Error("internal: f64 value where an exact integer was proven");
        return;
      case "int32":
        // ToInt32 of an exact integer is its low 32 bits; of a double below 2^63 in magnitude the
        // low 32 bits of its truncation, inline (the helper's call costs more than the work);
        // larger doubles, infinities and NaN take the helper
        if (from.k === "f64") {
          const x = this.temp(ValType.f64);
          fb.localTee(x).op(Op.f64_abs).f64Const(2 ** 63).op(Op.f64_lt);
          fb.if_(ValType.i32).localGet(x).opFC(OpFC.i64_trunc_sat_f64_s).op(Op.i32_wrap_i64);
          fb.else_().localGet(x).call(this.m.helpers.toInt32).end();
          this.release(ValType.f64, x);
        } else if (from.k === "i64") fb.op(Op.i32_wrap_i64);
        return;
      case "bool":
        if (from.k === "i32") fb.i32Const(0).op(Op.i32_ne);
        else if (from.k === "i64") fb.op(Op.i64_eqz).op(Op.i32_eqz);
        else if (from.k === "f64") fb.op(Op.f64_abs).f64Const(0).op(Op.f64_gt);
        return;
    }
  }

  /** Converts the stack value of type `from` to the representation of type `to` (a widening). */
  convertTo(from: Ty, to: Ty): void {
    if (to.k === "f64") this.convert(from, "f64");
    else if (to.k === "bool") this.convert(from, "bool");
    else if (to.k === "i64") this.convert(from, "i64");
    else if (from.k === "f64" || from.k === "i64") throw new Error(`internal: narrowing ${from.k} to i32`);
  }

  /** Pushes the representation of a constant of type `t`. */
  constOf(t: Ty, value: number): void {
    if (t.k === "f64") this.fb.f64Const(value);
    else if (t.k === "i64") this.fb.i64Const(BigInt(value));
    else this.fb.i32Const(value);
  }

  /** Bytes of math library code inlined into this function so far (see math.ts). */
  inlinedBytes = 0;

  /** Whether code emitted now runs inside a loop (a prange body or a serial loop). */
  inLoop(): boolean {
    return this.labels.some((l) => l.kind === "break");
  }

  pushLabel(stmt: Label["stmt"], kind: Label["kind"]): void {
    this.labels.push({ stmt, kind });
  }
  popLabel(): void {
    this.labels.pop();
  }
  /** Branch depth of the block that `break`/`continue` of `stmt` targets. */
  depthOf(stmt: LoopStmt | PrangeStmt, kind: "break" | "continue"): number {
    for (let i = this.labels.length - 1; i >= 0; i--) {
      const l = this.labels[i]!;
      if (l.stmt === stmt && l.kind === kind) return this.labels.length - 1 - i;
    }
    throw new Error(`internal: no ${kind} label for loop`);
  }
}
