/**
 * The plain data of `explain`: what the compiler decided for each prange of one specialisation,
 * as read from the phases that decided it (analysis/loops.ts's LoopModel, lower/kernel.ts's
 * LoweringNote, the artifact). Positions are kernel-relative (line 1 is the line the function
 * text starts on), as in diagnostics; the front doors make them absolute. JSON-safe.
 */
export {};
