/**
 * The checked-once fast path of a prange chunk: bounds checks hoisted out of the chunk and out of
 * its inner counted loops, and integer index arithmetic narrowed to i32.
 *
 * An *index tree* is an integer expression built with `+`, `-` and `*` from leaves whose range is
 * known when the chunk starts: integer constants, array lengths, integer live-ins (values the loop
 * only reads; a double live-in too, when the chunk finds it an int32 other than -0), the prange
 * index (its range is the chunk's; a double index when the start and step are int32), the counters of enclosing canonical
 * `for` loops of the body (`for (let j = A; j < B; j++)` with A and B index trees: j lies in
 * [A.lo, B.hi - 1] inside its body, and nothing else writes it), locals written once by their
 * declaration from an index tree (`const c = i*m + j*n + k`), and privates of the loop assigned
 * once in its body from a tree (`index = i*n + j` with `let index` outside), after that write. At chunk entry every node's extent
 * [lo, hi] is computed by interval arithmetic in 64-bit integers, and the chunk takes the fast path
 * when
 *   - every node's extent lies in int32 (then computing it with wrapping i32 instructions gives
 *     the exact integer, which is also what JavaScript's doubles give: no rounding below 2^53),
 *   - no product whose type is not already an integer could be -0 (a zero times a negative),
 *   - every access whose index is a tree lies in [0, length) of its array.
 * The fast path runs a copy of the body with those accesses unchecked and those nodes (and the
 * locals and live-ins they read) typed i32; otherwise the fully checked body runs, which raises
 * the exact RangeError at the exact access. The extents over-approximate the values (a box over
 * the counters, accesses under conditions included), so a failed test only costs speed.
 *
 *   lo_i = start + itLo*step;  hi_i = start + (itHi-1)*step          (ordered, i64)
 *   ok = AND over nodes (extent in int32, no -0) AND over accesses (0 <= lo && hi < length)
 *   if ok { loop with the narrowed types, unchecked sites } else { loop, all checked }
 */
import { type Expr, type PrangeStmt, type Var } from "../model/ir.js";
import type { FnLowerer } from "./fn.js";
type Tree = {
    readonly k: "const";
    readonly value: number;
} | {
    readonly k: "len";
    readonly array: Var;
} | {
    readonly k: "var";
    readonly v: Var;
} | {
    readonly k: "index";
} | {
    readonly k: "local";
    readonly v: Var;
    readonly init: Tree;
} | {
    readonly k: "box";
    readonly v: Var;
    readonly cmp: "<" | "<=" | ">" | ">=";
    readonly step: number;
    readonly init: Tree;
    readonly bound: Tree;
} | {
    readonly k: "bin";
    readonly op: "+" | "-" | "*";
    readonly l: Tree;
    readonly r: Tree;
    readonly e: Expr;
}
/** `base` inside a branch whose condition bounds it: [max(base.lo, lo.lo + loAdj), min(base.hi, hi.hi + hiAdj)] */
 | {
    readonly k: "clamp";
    readonly base: Tree;
    readonly lo: Tree | null;
    readonly loAdj: number;
    readonly hi: Tree | null;
    readonly hiAdj: number;
};
export interface ChunkPlan {
    /** access sites proven in bounds on the fast path */
    readonly sites: ReadonlySet<number>;
    readonly checks: readonly {
        readonly t: Tree;
        readonly array: Var;
    }[];
    /** tree nodes whose general type is not i32 (typed i32 on the fast path) */
    readonly exprs: ReadonlySet<Expr>;
    /** locals and live-ins read by the trees whose general type is not i32 */
    readonly vars: ReadonlySet<Var>;
    /** the live-ins among `vars` (the others are locals of the body) */
    readonly liveIns: ReadonlySet<Var>;
    /** every `var` expression of the body, by variable */
    readonly uses: ReadonlyMap<Var, readonly Expr[]>;
}
/** The fast path of `p`'s chunks, or null when no access or index node gains from one. */
export declare function planChunk(p: PrangeStmt): ChunkPlan | null;
/** Pushes (i32) whether the chunk [itLo, itHi) (not empty) may take `plan`'s fast path. */
export declare function emitChunkCheck(L: FnLowerer, plan: ChunkPlan, itLo: number, itHi: number, start: number, step: number): void;
/**
 * Emits `body` (the fast path, inside the branch `emitChunkCheck` chose) with the plan's nodes,
 * locals and live-ins typed i32 and its sites unchecked; restores the general types after.
 */
export declare function withFastTypes(L: FnLowerer, plan: ChunkPlan, body: () => void): void;
export {};
