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
import type { CompiledKernel } from "../artifact.js";
import type { Kernel, Var } from "../model/ir.js";
import { type ScalarReason } from "./vector-check.js";
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
    readonly starts: readonly {
        readonly v: Var;
        readonly value: number | null;
    }[];
    /** per array reduction: the value every element of a chunk's private copy starts from */
    readonly arrayStarts: readonly {
        readonly array: Var;
        readonly value: number;
    }[];
}
/** Lowers a typed, analysed kernel to a compiled artifact; `notes` (when given) receives a LoweringNote per parallel prange. */
export declare function lowerKernel(k: Kernel, positions: (p: {
    start: number;
}) => {
    line: number;
    column: number;
}, opts?: {
    readonly checkRaces?: boolean;
    readonly notes?: LoweringNote[];
}): CompiledKernel;
