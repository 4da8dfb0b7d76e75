/**
 * The kernel model: a resolved, position-carrying tree of the kernel's statements and
 * expressions (variables are objects, not names), plus the loop model that the analysis fills in
 * for every prange loop. Built by model/build.ts from the TypeScript AST; nothing here refers to
 * TypeScript nodes.
 */
import type { ArrayKind } from "../artifact.js";

/** Source range as offsets into the parsed text. */
export interface Pos {
  readonly start: number;
  readonly end: number;
}

/**
 * Value types after inference: a double, a boolean, or an integer known to lie in [lo, hi] and
 * never -0: `i32` when the interval fits int32, `i64` when it only fits +-2^53 (still exact in a
 * double, so 64-bit integer arithmetic on it gives exactly what JavaScript computes).
 */
export type Ty =
  | { readonly k: "f64" }
  | { readonly k: "bool" }
  | { readonly k: "i32"; readonly lo: number; readonly hi: number }
  | { readonly k: "i64"; readonly lo: number; readonly hi: number };

/** An integer type (either representation). */
export type IntTy = Extract<Ty, { lo: number }>;

export function isInt(t: Ty | null | undefined): t is IntTy {
  return t !== null && t !== undefined && (t.k === "i32" || t.k === "i64");
}

export const F64: Ty = Object.freeze({ k: "f64" });
export const BOOL: Ty = Object.freeze({ k: "bool" });
export const I32_MIN = -2147483648;
export const I32_MAX = 2147483647;
/** Integers up to 2^53 in magnitude are exact doubles. */
export const INT53 = 2 ** 53;
export function i32(lo: number, hi: number): Ty {
  return { k: "i32", lo, hi };
}

/** A scalar variable or an array parameter. */
export interface Var {
  readonly id: number;
  readonly name: string;
  readonly pos: Pos;
  readonly kind: "param" | "local" | "index";
  /** the prange loop whose body declares it (null: the function body outside every prange) */
  readonly owner: PrangeStmt | null;
  /**
   * set for array variables: parameters, and locals holding arrays (`const t = new
   * Float64Array(n)`, `let s = src`; analysis/arrays.ts decides which locals these are)
   */
  array?: ArrayKind;
  /**
   * a local array made by `new` in its declaration and never assigned: one array per execution
   * of the declaration (inside a prange body: private to the iteration)
   */
  fresh?: boolean;
  /**
   * an array variable that holds different arrays over the call (a local given an array
   * parameter, another array variable or `?:` of them; an array parameter that is assigned):
   * lowered as base and length locals that assignments copy, and followed by analysis/points-to.ts
   */
  alias?: boolean;
  /** scalar parameter kind from the signature */
  paramKind?: "f" | "i" | "b";
  isConst: boolean;
  /** referenced anywhere in the body */
  used?: boolean;
  /** inferred type (scalars) */
  ty?: Ty;
  /** a canonical serial for-loop counter: its type comes from the loop bounds */
  counter?: CounterInfo;
  /** an array parameter passed to an Atomics function (its default type without a signature is Int32Array) */
  atomic?: boolean;
}

export interface CounterInfo {
  readonly init: Expr;
  readonly bound: Expr;
  /** comparison in the loop condition, with the counter on the left */
  readonly cmp: "<" | "<=" | ">" | ">=";
  /** constant step (positive for < and <=, negative for > and >=) */
  readonly step: number;
}

export type AssignOp = "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "**=" | "<<=" | ">>=" | ">>>=" | "&=" | "|=" | "^=" | "&&=" | "||=" | "??=";

export type BinaryOp =
  | "+" | "-" | "*" | "/" | "%" | "**"
  | "&" | "|" | "^" | "<<" | ">>" | ">>>"
  | "<" | "<=" | ">" | ">=" | "==" | "!=" | "===" | "!==";

/** An element of an array parameter; `site` indexes the kernel's access-site table. */
export interface ElemRef {
  readonly array: Var;
  readonly index: Expr;
  readonly site: number;
}

interface Node extends Pos {
  /** inferred type, set by analysis/types.ts */
  ty?: Ty;
}

export type Expr =
  | (Node & { readonly k: "num"; readonly value: number })
  | (Node & { readonly k: "bool"; readonly value: boolean })
  | (Node & { readonly k: "var"; readonly v: Var })
  | (Node & { readonly k: "length"; readonly array: Var })
  | (Node & { readonly k: "load"; readonly ref: ElemRef })
  | (Node & { readonly k: "unary"; readonly op: "-" | "+" | "!" | "~"; readonly e: Expr })
  | (Node & { readonly k: "binary"; readonly op: BinaryOp; readonly l: Expr; readonly r: Expr })
  | (Node & { readonly k: "logical"; readonly op: "&&" | "||" | "??"; readonly l: Expr; readonly r: Expr })
  | (Node & { readonly k: "cond"; readonly c: Expr; readonly t: Expr; readonly f: Expr })
  | (Node & { readonly k: "call"; readonly fn: string; readonly args: readonly Expr[] })
  | (Node & { readonly k: "assign"; readonly op: AssignOp; readonly target: Var; readonly value: Expr })
  | (Node & { readonly k: "store"; readonly op: AssignOp; readonly ref: ElemRef; readonly value: Expr })
  | (Node & { readonly k: "update"; readonly op: "++" | "--"; readonly prefix: boolean; readonly target: Var })
  | (Node & { readonly k: "updateElem"; readonly op: "++" | "--"; readonly prefix: boolean; readonly ref: ElemRef })
  | (Node & { readonly k: "comma"; readonly es: readonly Expr[] })
  /** `new Float64Array(len)`: a zero-filled array of the kernel's own (only as a declaration's or an array variable's value) */
  | (Node & { readonly k: "newArray"; readonly kind: ArrayKind; readonly len: Expr })
  | (Node & { readonly k: "atomic"; readonly op: AtomicOp; readonly ref: ElemRef; readonly args: readonly Expr[] });

/**
 * `Atomics.<op>(a, index, ...args)` on an integer array parameter: `args` is the value (add, sub,
 * and, or, xor, exchange, store), expected and replacement (compareExchange), or none (load).
 * Every form but store returns the element's old value; store returns ToIntegerOrInfinity(value).
 * The index is converted with ToIndex (truncated, NaN is 0), unlike `a[x]`.
 */
export type AtomicOp = "add" | "sub" | "and" | "or" | "xor" | "exchange" | "compareExchange" | "load" | "store";

/** Number of value arguments after (array, index) of each Atomics function. */
export const ATOMIC_ARITY: Readonly<Record<AtomicOp, number>> = {
  add: 1, sub: 1, and: 1, or: 1, xor: 1, exchange: 1, compareExchange: 2, load: 0, store: 1,
};

export interface LoopStmt extends Pos {
  readonly k: "loop";
  readonly kind: "for" | "while" | "do";
  readonly init: readonly Stmt[];
  readonly cond: Expr | null;
  readonly update: Expr | null;
  readonly body: readonly Stmt[];
  readonly label: string | null;
}

/** `for (const i of prange(...))`. A prange nested in a prange has `serial` set and runs in its parent's thread. */
export interface PrangeStmt extends Pos {
  readonly k: "prange";
  readonly id: number;
  readonly index: Var;
  readonly rangeStart: Expr;
  readonly rangeStop: Expr;
  readonly rangeStep: Expr;
  readonly body: readonly Stmt[];
  readonly serial: boolean;
  readonly label: string | null;
  /** position of the `prange(...)` call */
  readonly callPos: Pos;
  /** filled by analysis/loops.ts for parallel loops */
  model?: LoopModel;
}

export type Stmt =
  | (Pos & { readonly k: "expr"; readonly e: Expr })
  | (Pos & { readonly k: "let"; readonly v: Var; readonly init: Expr | null })
  | (Pos & { readonly k: "if"; readonly c: Expr; readonly t: readonly Stmt[]; readonly f: readonly Stmt[] })
  | LoopStmt
  | PrangeStmt
  | (Pos & { readonly k: "break" | "continue"; readonly target: LoopStmt | PrangeStmt })
  | (Pos & { readonly k: "return"; readonly e: Expr | null })
  | (Pos & { readonly k: "block"; readonly body: readonly Stmt[] });

/**
 * Reduction operators. `flag` is a variable set to one constant by any iteration. `loc` is the
 * key of a compound (MINLOC/MAXLOC) reduction `if (x cmp s) { s = x; k = …; }`: `s` with the
 * variables `carried` set under the same condition; each carried variable has its own entry with
 * op `carried` and `key` naming `s` (so every variable the loop reduces has one entry).
 */
export type ReduceOp = "+" | "*" | "min" | "max" | "minIf" | "maxIf" | "&" | "|" | "^" | "&&" | "||" | "flag" | "loc" | "carried";

export interface Reduction {
  readonly v: Var;
  readonly op: ReduceOp;
  /** for minIf/maxIf/loc: the replacing comparison `e <cmp> s` (`<` or `<=` for min, `>` or `>=` for max) */
  readonly cmp?: "<" | "<=" | ">" | ">=";
  /** for flag: the constant written */
  readonly flagValue?: Expr;
  /** for loc: the variables assigned with `v` under the comparison (in first-assignment order) */
  readonly carried?: readonly Var[];
  /** for carried: the key variable of its compound reduction */
  readonly key?: Var;
  /**
   * every update site, as the analysis matched it: the assignment/update expression, the value
   * it combines (null for `s++`/`s--`: one), and whether it is subtracted (`s -= e`, `s = s - e`,
   * `s--`); a flag's constant write has no value. Lowering reads these instead of re-matching.
   */
  readonly updates: readonly ReductionUpdate[];
  /** byte offset of this reduction's state in a chunk's partial block (PartialLayout) */
  readonly offset: number;
  /** bytes of state: 8 per scalar; a loc reduction holds its value, then a touched flag (its carried variables have their own entries) */
  readonly bytes: number;
}

export interface ReductionUpdate {
  readonly at: Expr;
  readonly value: Expr | null;
  readonly negate: boolean;
}

/** Element operators of an array reduction (`h[k] += w`, `h[k]++`, `h[k] = Math.max(h[k], v)`, ...). */
export type ArrayReduceOp = "+" | "*" | "min" | "max" | "|" | "&";

/**
 * An array parameter a parallel prange only updates through one reduction operator and otherwise
 * does not access: each chunk updates a private copy (same element type, starting from the
 * operator's identity) and `combine_<k>` folds the copies into the array in chunk order.
 */
export interface ArrayReduction {
  readonly array: Var;
  readonly op: ArrayReduceOp;
  /** the update sites */
  readonly sites: readonly Pos[];
}

/** What one parallel prange loop reads, writes and combines. */
export interface LoopModel {
  /** outer scalars read in the loop and never written there (copied in) */
  readonly liveIn: readonly Var[];
  /** scalar reduction specs, each with its place in the partial block */
  readonly reductions: readonly Reduction[];
  /** arrays reduced through per-chunk private copies (after the scalar state, runtime-sized) */
  readonly arrayReductions: readonly ArrayReduction[];
  /** bytes of scalar partial state per chunk (the sum of `reductions`' bytes, a multiple of 8) */
  readonly partialBytes: number;
  /** outer scalars written in the loop but provably written before read in every iteration and dead after */
  readonly privates: readonly Var[];
  /** outer scalars written racily: kept in shared memory (the race is reported) */
  readonly shared: readonly Var[];
  readonly arraysRead: readonly Var[];
  readonly arraysWritten: readonly Var[];
  /**
   * Loop-invariant expressions (evaluable before the loop: outer variables, lengths, + - *) that
   * the race proof assumed to be integers >= 1: the divisor of a collapsed index `floor(k / cols)`,
   * `k % cols` when nothing proves `cols >= 1`. The loop runs in parallel only when all are; else
   * in order on one thread, as the plain loop does.
   */
  readonly serialUnless: readonly Expr[];
  /**
   * `x << c` subscripts the race proof read as x * 2^c although nothing proves that x * 2^c stays
   * in int32 (where it wraps, iterations far apart can meet: `a[i << 30]` at i = 0 and 4). The
   * loop runs in parallel only when the chunk plan's extents of every one of them, over the whole
   * loop, lie in int32 (lower/stmt.ts); else in order on one thread.
   */
  readonly shiftsAssumed: readonly Expr[];
  /**
   * consecutive iterations that write within one 64-byte cache line (1 when no store's index
   * moves by a known distance of fewer than 64 bytes per iteration)
   */
  readonly lineIters: number;
  /** the diagnostics this loop's analysis reported: indices [from, to) into the kernel's diagnostics */
  readonly diagnostics: readonly [number, number];
}

/** The whole kernel. */
export interface Kernel {
  readonly name: string;
  readonly params: readonly Var[];
  readonly body: readonly Stmt[];
  readonly vars: readonly Var[];
  readonly pranges: readonly PrangeStmt[];
  readonly sites: readonly { readonly array: string; readonly pos: Pos }[];
  /** inferred return type (null: returns nothing) */
  returnTy?: Ty | null;
  /** set when the kernel returns an array (of this kind; returnTy is then null) */
  returnArray?: ArrayKind;
  readonly returns: readonly (Pos & { readonly e: Expr | null })[];
  /** inlined helper calls: their span (which every node of the inlined body has) and the note diagnostics there get */
  readonly inlined?: readonly { readonly start: number; readonly end: number; readonly note: string }[];
  /** source text of inlined nodes (whose positions are the call's) */
  readonly texts?: WeakMap<object, string>;
}
