/**
 * The plain data of `explain`: what the compiler decided for each prange of one specialisation,
 * as read from the phases that decided it (analysis/loops.ts's LoopModel, lower/kernel.ts's
 * LoweringNote, the artifact). Positions are kernel-relative (line 1 is the line the function
 * text starts on), as in diagnostics; the front doors make them absolute. JSON-safe.
 */

export interface At {
  readonly line: number;
  readonly column: number;
}

export interface ReductionFact extends At {
  readonly variable: string;
  /** `+`, `*`, `min`, `max`, `&`, `|`, `^`, `&&`, `||`, `flag`, `argmin`, `argmax`, `carried` */
  readonly operator: string;
  /** for min/max written with a comparison, and compound keys: the comparison that replaces (`x < m`) */
  readonly compare?: string;
  /** for carried variables: the compound key they travel with */
  readonly key?: string;
  /** the first update, as written */
  readonly update: string;
  readonly updates: number;
  /** what a chunk's accumulator starts from: a number's text, or null when it starts from the variable's value (flags, carried) */
  readonly start: string | null;
  /** the declaration of the variable (`sum = 0`), or null for a parameter */
  readonly declared: string | null;
  readonly declaredAt: At | null;
}

export interface ArrayReductionFact extends At {
  readonly array: string;
  readonly operator: string;
  readonly update: string;
  readonly updates: number;
  /** the value every element of a private copy starts from */
  readonly start: string;
}

export interface AccessFact extends At {
  readonly array: string;
  readonly text: string;
}

export interface VerdictFact extends At {
  readonly code: string;
  readonly name: string;
  readonly severity: "error" | "warning";
  readonly message: string;
}

export interface LoopReport extends At {
  /** `#n` in the report: pranges in source order */
  readonly number: number;
  /** the `prange(...)` call as written */
  readonly header: string;
  readonly index: string;
  readonly parallel: boolean;
  /** for a serial prange: the number of the prange it is nested in */
  readonly parent: number | null;
  /** the rest is for parallel pranges only (empty for serial ones, whose facts are their parent's) */
  readonly reductions: readonly ReductionFact[];
  readonly arrayReductions: readonly ArrayReductionFact[];
  readonly privates: readonly string[];
  readonly liveIn: readonly string[];
  readonly shared: readonly string[];
  readonly reads: readonly string[];
  readonly writes: readonly string[];
  /** array accesses of the loop's chunk function whose bounds checks move to chunk entry, and the others */
  readonly hoisted: readonly AccessFact[];
  readonly checked: readonly AccessFact[];
  readonly lanes: 1 | 2;
  /** innermost loops with a two-lane part over their own counter: their first line, and where */
  readonly laneLoops: readonly { readonly text: string; readonly at: At }[];
  /** innermost loops that keep an element in a local across their trips (where its array shares no memory with the others the loop accesses): the loop, where, and the element's access */
  readonly keptLoops: readonly { readonly text: string; readonly at: At; readonly access: string }[];
  /** why one lane: the reason, and the code that stops two lanes (with its position) when there is one */
  readonly scalar: { readonly why: string; readonly text: string | null; readonly at: At | null } | null;
  /** the index is carried as a double (bounds not proven int32) */
  readonly wideIndex: boolean;
  /** expressions that must be integers >= 1 at run time for the loop to run in parallel (LoopModel.serialUnless), as written */
  readonly assumed: readonly string[];
  /** shifts `x << c` the race proof read as x * 2^c: the loop runs in parallel only when they stay in int32 (LoopModel.shiftsAssumed), as written */
  readonly shifts: readonly string[];
  /** no inner loop and no reduction: static and guided chunks hold at least 128 iterations (the artifact's innerLoops) */
  readonly loopFree: boolean;
  /** static and guided chunks hold at least min(lineChunk, n / 16) iterations (the artifact's lineChunk; 1: no such floor) */
  readonly lineChunk: number;
  readonly verdicts: readonly VerdictFact[];
}

export interface KernelReport {
  readonly name: string;
  /** the signature compiled: parameter names and types (`number`, `int32`, `boolean`, `Float64Array`, ...) */
  readonly params: readonly { readonly name: string; readonly type: string; readonly read: boolean; readonly written: boolean }[];
  readonly loops: readonly LoopReport[];
  /** compiled for checked mode */
  readonly checkedMode: boolean;
  /** errors that stop the kernel compiling (then `loops` is empty) */
  readonly errors: readonly VerdictFact[];
  /** diagnostics outside every prange's analysis (warnings of the kernel as a whole) */
  readonly other: readonly VerdictFact[];
}

/** What one call's arguments and options add (kernel.explain(...args)); absent for `parfor explain`. */
export interface CallFacts {
  readonly threads: number;
  readonly schedule: "guided" | "static" | "dynamic";
  readonly chunkSize: number;
  readonly arrays: readonly {
    readonly name: string;
    readonly kind: string;
    readonly length: number;
    readonly bytes: number;
    /** a parfor.array: used in place; else copied */
    readonly inPlace: boolean;
  }[];
  /** when arguments share memory so that iterations depend on each other: the message, and the call runs on one thread */
  readonly aliasing: string | null;
  /** private copies of reduced arrays per chunk, by loop number (bytes) */
  readonly copyBytes: Readonly<Record<number, number>>;
}
