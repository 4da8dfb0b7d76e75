/**
 * The loop model of every parallel prange: which outer scalars it only reads (copied in), which
 * it reduces (and with which operator), which it may privatise, which it writes racily, which
 * arrays it reads and writes; plus the race diagnostics. Conservative in the Numba sense: a
 * scalar is a reduction only when a pattern proves it, private only when liveness (liveness.ts)
 * proves every iteration writes it before reading it and nothing reads it after the loop;
 * anything else that is written is shared and reported.
 */
import type { DiagnosticSink } from "../diagnostics/diagnostic.js";
import type { Kernel, Pos } from "../model/ir.js";
/** Fills `model` on every parallel prange of `k` and reports races. */
export declare function analyseLoops(k: Kernel, sink: DiagnosticSink, textOf: (p: Pos) => string): void;
