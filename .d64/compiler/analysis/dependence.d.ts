/**
 * Array dependence analysis of one parallel prange loop. Every pair of accesses to the same
 * array (write/write, write/read, a write with itself) is tested for a cross-iteration
 * dependence: two different iterations of the prange that touch the same element.
 *
 * Collecting (collectAccesses): the prange body is walked in order with the current value of
 * every local (flow-sensitive), so `let j = 3 * i; c[j] = …; j++; c[j] = …` sees 3i, then 3i + 1.
 * A value is a set of alternatives, each an affine form (affine.ts) in the loop indices and
 * loop-invariant symbols with the linear constraints under which it is taken: `c ? x : y`,
 * `Math.min(x, y)`, `Math.max(x, y)` give two. Every access carries the linear constraints of
 * its iteration space: the prange's and the nested serial loops' bounds, kept relational
 * (`j < i`, `i < Math.min(ii + 32, n)`), conditions on the indices (`if (j > i)`, `if (i < n / 2)`,
 * `if (j > 0) continue`), and disjunctions where a bound or condition has alternatives. Induction
 * variables (`k++` once per iteration of a serial loop) are expressed in the loop's trip count;
 * `Math.floor(x / c)`, `x >> k` of invariants are symbols with their defining inequalities; the
 * prange index of a collapsed loop is split into (floor(k / c), k % c).
 *
 * Testing (dependent): for accesses A and B, the two iterations get separate copies of every
 * loop index, and the question "same element, different iterations" becomes a linear system:
 * subscripts equal, each copy inside its own iteration space, the prange indices apart by at
 * least the step. Subscripts are first delinearised (`q * s + r` with 0 <= r < s on both sides
 * splits into q1 = q2 and r1 = r2, for a symbolic s, a symbol plus a constant (`n + 1`) or a
 * literal s), and the system is decided by
 * Fourier–Motzkin elimination (fm.ts, with a GCD test on the equalities) for every combination
 * of alternatives. A pair is dependent unless every combination is infeasible. Anything the
 * analysis cannot express is left out of the system, which only makes it more feasible: a
 * failed proof is a reported race, never a silent one.
 */
import type { AtomicOp, Expr, Kernel, Pos, PrangeStmt, Var } from "../model/ir.js";
import { type Affine } from "./affine.js";
/** `a > 0` (strict) or `a >= 0` */
export interface Cons {
    readonly a: Affine;
    readonly strict: boolean;
}
/** One alternative of a value: the form, and the constraints under which it is the value. */
export interface Alt {
    readonly a: Affine;
    readonly cs: readonly Cons[];
}
/** The iteration space of an access: constraints that hold, and disjunctions (one option holds). */
export interface Space {
    readonly cons: readonly Cons[];
    readonly choices: readonly (readonly (readonly Cons[])[])[];
}
export interface Access {
    readonly array: Var;
    readonly write: boolean;
    /** an Atomics function (its name): two atomic accesses never race (a plain access against one still does) */
    readonly atomic?: AtomicOp;
    /** the whole access (`a[i]`, `a[i] = x`, `a[i]++`, `Atomics.add(a, i, x)`) */
    readonly pos: Pos;
    readonly index: Expr;
    /** the first alternative's form; null: not affine, `why` says what */
    readonly form: Affine | null;
    readonly alts: readonly Alt[] | null;
    readonly why: string | null;
    readonly space: Space;
    /** how the prange's iterations are numbered (shared by the loop's accesses) */
    readonly frame?: Frame;
    /** a condition around the access that the analysis cannot resolve (its text) */
    readonly guard: string | null;
}
/** A pair of accesses that may touch one element in different iterations. */
export interface Conflict {
    readonly write: Access;
    readonly other: Access;
    /** proven dependence distance (strong SIV), when known */
    readonly distance: number | null;
}
/** The prange index written as `d * q + r` (0 <= r < d), for loops collapsed from two. */
interface Decomp {
    readonly d: Affine;
    readonly q: Var;
    readonly r: Var;
    readonly cons: readonly Cons[];
    /**
     * The divisor's expression when nothing proves it an integer >= 1 (a parameter `cols`): the
     * split holds only then, so the loop runs in parallel only when the divisor is one at run
     * time (LoopModel.serialUnless), and in order on one thread otherwise.
     */
    readonly assumed: Expr | null;
}
/** The prange's index and how two iterations are told apart. */
export interface Frame {
    readonly idx: Var;
    readonly step: number | null;
    /** index = start + step * v, when the step is a literal other than 1 */
    readonly numbering: {
        readonly v: Var;
        readonly start: Affine;
        readonly step: number;
    } | null;
    readonly decomp: Decomp | null;
    /** symbols known to be integers: floor definitions, counters of serial loops around the prange */
    readonly ints: ReadonlySet<string>;
    /** a symbolic step: two iterations are at least |step| apart */
    readonly stepAff?: Affine | null;
}
export interface LoopAccesses {
    readonly accesses: readonly Access[];
    /** outer scalars that only one iteration touches (every access under `if (i === c)`, one c) */
    readonly singleIteration: ReadonlySet<Var>;
    /** constraints on loop-invariant symbols that hold in the loop (counters of serial loops around it, floor definitions) */
    readonly facts: readonly Cons[];
    /** the prange's iteration numbering: index = start + step * number, when the step is a literal other than 1 */
    readonly numbering: {
        readonly v: Var;
        readonly start: Affine;
        readonly step: number;
    } | null;
    readonly decomp: Decomp | null;
}
/** Collects the array accesses of `loop` with their affine forms and iteration spaces. */
export declare function collectAccesses(k: Kernel, loop: PrangeStmt, textOf: (p: Pos) => string): LoopAccesses;
/**
 * Tests the pairs of accesses to one array; returns pairs not proven independent. Each access
 * needs one such pair to be known racing: a pair of two different accesses already in returned
 * pairs is not tested (the loop's diagnostics are one per array, naming the racing accesses; a
 * write with itself is always tested, as it decides PF2002). Accesses through two array
 * variables that may be one array in this loop (`sameArray`, from analysis/points-to.ts) are
 * tested as accesses of one array.
 */
export declare function conflicts(accesses: readonly Access[], loop: PrangeStmt, step: number | null, known?: readonly Cons[], sameArray?: (a: Var, b: Var) => boolean): Conflict[];
/** Whether accesses `A` and `B` may touch one element in two different iterations of the prange. */
export declare function dependent(A: Access, B: Access, idx: Var, step: number | null, known?: readonly Cons[]): {
    dependent: boolean;
    distance: number | null;
};
/** The prange's step when it is a number literal (`-1` included); null when symbolic. */
export declare function stepOf(loop: PrangeStmt): number | null;
export {};
