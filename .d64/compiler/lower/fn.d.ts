/**
 * State of one wasm function being lowered: where each variable lives (a local, or a frame slot
 * for racy shared scalars), array base/length locals, the label stack for break/continue, temp
 * locals, and the conversions between JavaScript values and their wasm representations.
 */
import type { FrameLayout } from "./frame.js";
import type { Helpers } from "./helpers.js";
import type { LinkedMath } from "./mathlink.js";
import type { Kernel, LoopStmt, PrangeStmt, Ty, Var } from "../model/ir.js";
import { FunctionBuilder, ValType } from "./wasm/encoder.js";
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
    /** checked mode: each shared scalar's element in the kernel's scalar shadow block */
    readonly checkedScalars?: ReadonlyMap<Var, number>;
    /** checked mode: a site (an index into CompiledKernel.sites) for a scalar access at `at` */
    readonly addSite?: (name: string, at: {
        readonly start: number;
        readonly end: number;
    }) => number;
}
interface Label {
    readonly stmt: LoopStmt | PrangeStmt | null;
    readonly kind: "break" | "continue" | "other";
}
/** wasm type of a JavaScript type's representation. */
export declare function wasmType(t: Ty): ValType;
/** Load opcode and alignment of a value of wasm type `t` (8-byte slots hold every kind). */
export declare function loadOf(t: ValType): [number, {
    align: number;
    offset: number;
}];
export declare function storeOf(t: ValType): [number, {
    align: number;
    offset: number;
}];
export declare class FnLowerer {
    readonly m: ModuleCtx;
    readonly fb: FunctionBuilder;
    readonly locals: Map<Var, number>;
    /** shared (racy) scalars accessed in the frame: offset */
    readonly memVars: Map<Var, number>;
    /** flag reductions: local set to 1 when the flag is written */
    readonly flagHits: Map<Var, number>;
    readonly arrays: Map<Var, {
        base: number;
        len: number;
    }>;
    /** access sites whose bounds the enclosing code has already checked (see hoist.ts) */
    proven: ReadonlySet<number>;
    /** checked mode, inside a prange's loop function: the prange index whose value names the iteration */
    checkIndex: Var | null;
    /**
     * checked mode, inside a prange's loop function: locals holding `epoch << 48` (loaded once per
     * chunk), this iteration's word `epoch << 48 | (ordinal + 1) << 16` (set at the top of each
     * iteration), and each checked array's shadow block (from the table, once per chunk)
     */
    check: {
        readonly epoch: number;
        readonly me: number;
        readonly bases: Map<Var, {
            readonly base: number;
            readonly param: number;
        }>;
        readonly scalars: number | null;
    } | null;
    private readonly labels;
    private readonly freeTemps;
    /** local index of the frame address (parameter 0 of every function) */
    readonly frameLocal = 0;
    constructor(m: ModuleCtx, name: string, params: readonly ValType[], results: readonly ValType[]);
    /**
     * Loads every array parameter's address and length from the frame into locals, and (in the
     * functions every thread runs) those of the kernel's own arrays that loops use.
     */
    loadArrays(locals?: boolean): void;
    /** The base and length locals of a kernel's own array variable (made on first use). */
    arrayLocals(v: Var): {
        base: number;
        len: number;
    };
    /** The local holding `v` (made on first use). */
    local(v: Var): number;
    temp(t: ValType): number;
    release(t: ValType, l: number): void;
    /** Pushes the value of scalar `v` (its own representation); `at`: the access, for checked mode. */
    getVar(v: Var, at?: {
        readonly start: number;
        readonly end: number;
    }): void;
    /** Stores the value on top of the stack (in `v`'s representation) into `v`; keeps a copy if `keep`. */
    setVar(v: Var, keep: boolean, at?: {
        readonly start: number;
        readonly end: number;
    }): void;
    /** Pushes the frame slot at `off` as a value of wasm type `t`. */
    loadSlot(t: ValType, off: number): void;
    /** Stores the value of wasm type `t` that `push` pushes into the frame slot at `off`. */
    storeSlot(t: ValType, off: number, push: () => void): void;
    /** Converts the value on the stack from type `from` to the wanted representation. */
    convert(from: Ty, want: Want): void;
    /** Converts the stack value of type `from` to the representation of type `to` (a widening). */
    convertTo(from: Ty, to: Ty): void;
    /** Pushes the representation of a constant of type `t`. */
    constOf(t: Ty, value: number): void;
    /** Bytes of math library code inlined into this function so far (see math.ts). */
    inlinedBytes: number;
    /** Whether code emitted now runs inside a loop (a prange body or a serial loop). */
    inLoop(): boolean;
    pushLabel(stmt: Label["stmt"], kind: Label["kind"]): void;
    popLabel(): void;
    /** Branch depth of the block that `break`/`continue` of `stmt` targets. */
    depthOf(stmt: LoopStmt | PrangeStmt, kind: "break" | "continue"): number;
}
export {};
