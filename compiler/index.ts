/**
 * The compiler's public entry: source text of one function -> diagnostics, and for a signature
 * -> a compiled artifact. Phases run in one direction:
 *   parse (frontend) -> build (model) -> inferTypes, analyseLoops (analysis) -> lowerKernel (lower)
 * Each phase reports into one DiagnosticSink and keeps going; errors stop before lowering.
 */
import type { ArrayKind, CompiledKernel } from "./artifact.js";
import { type Diagnostic, DiagnosticSink, type Locator } from "./diagnostics/diagnostic.js";
import { bracketNesting, MAX_NESTING, treeNesting } from "./frontend/limits.js";
import { parseKernel } from "./frontend/parse.js";
import { typescript as loadTypescript } from "./frontend/typescript.js";
import { buildKernel } from "./model/build.js";
import type { CompileOptions, KernelShape } from "./interface.js";
import type { Kernel, Pos } from "./model/ir.js";
import { inferTypes, type ParamType } from "./analysis/types.js";
import { analyseLoops } from "./analysis/loops.js";
import { lowerKernel, type LoweringNote } from "./lower/kernel.js";
import { kernelFacts, verdict } from "./explain/facts.js";
import type { KernelReport } from "./explain/report.js";

export type { ParamType } from "./interface.js";
export type { GlobalValue } from "./interface.js";
export { findKernels, type FoundKernel, type Globals } from "./frontend/find-kernels.js";
export { aliasHazards, type AliasHazard } from "./analysis/aliasing.js";
export type { CompiledKernel, ArrayKind } from "./artifact.js";
export type { Diagnostic } from "./diagnostics/diagnostic.js";
export { ParforCompileError } from "./diagnostics/errors.js";
export { formatMessage, messages, type Code } from "./diagnostics/messages.js";
export { SMALL_INT } from "./analysis/types.js";
export { mapKernelSource } from "./frontend/vectorize.js";
export type { KernelReport, LoopReport, CallFacts } from "./explain/report.js";

export type { CompileOptions, KernelShape } from "./interface.js";

export interface CompileResult {
  readonly diagnostics: readonly Diagnostic[];
  /** offset that diagnostics' `start` has for the first character of the source text */
  readonly sourceOffset: number;
  readonly shape: KernelShape | null;
  /** null when there are errors */
  readonly compiled: CompiledKernel | null;
}

const ARRAY_KINDS = new Set<string>([
  "Float64Array", "Float32Array", "Int32Array", "Uint32Array", "Int16Array", "Uint16Array", "Int8Array", "Uint8Array", "Uint8ClampedArray",
]);

/** Line and column of an offset in `text` (for diagnostics before there is a parse). */
function textLocator(text: string): Locator {
  return (offset) => {
    const before = text.slice(0, offset).split("\n");
    return { line: before.length, column: before[before.length - 1]!.length + 1 };
  };
}

function front(source: string, options: CompileOptions) {
  const none = { parsed: null, kernel: null, shape: null };
  // nesting is bounded before the parser (or anything after it) recurses
  const brackets = bracketNesting(source);
  if (brackets.offset >= 0) {
    const sink = new DiagnosticSink(textLocator(source));
    sink.report("PF1014", { start: brackets.offset, end: brackets.offset + 1 }, ["This kernel is", brackets.depth, MAX_NESTING]);
    return { sink, ...none };
  }
  const parsed = parseKernel(source);
  if (typeof parsed === "string") {
    const sink = new DiagnosticSink(() => ({ line: 1, column: 1 }));
    sink.report("PF1009", { start: 0, end: 0 }, [parsed]);
    return { sink, ...none };
  }
  const sink = new DiagnosticSink(parsed.locate);
  const tree = treeNesting(parsed.fn);
  if (tree.node) {
    const what = loadTypescript().isExpression(tree.node) ? "This expression is" : "This kernel is";
    sink.report("PF1014", { start: tree.node.getStart(parsed.sourceFile), end: tree.node.getEnd() }, [what, tree.depth, MAX_NESTING]);
    return { sink, parsed: null, kernel: null, shape: null };
  }
  const kernel = buildKernel(parsed, sink, options);
  const shape: KernelShape = {
    name: kernel.name,
    params: kernel.params.map((p, i) => {
      const decl = parsed.fn.parameters[i];
      const ann = decl?.type ? decl.type.getText(parsed.sourceFile).trim() : null;
      const annotation: ParamType | null =
        ann === "number" ? "f" : ann === "boolean" ? "b" : ann && ARRAY_KINDS.has(ann) ? (ann as ArrayKind) : null;
      return { name: p.name, isArray: p.array !== undefined, used: p.used === true, annotation, ...(p.atomic ? { atomic: true as const } : {}) };
    }),
  };
  return { sink, parsed, kernel, shape };
}

/**
 * The kernel's parameters as the front end sees them, with the diagnostics of parsing and
 * building only (no types yet): errors here do not depend on the arguments.
 */
export function shapeOf(source: string, options: CompileOptions = {}): { shape: KernelShape | null; diagnostics: readonly Diagnostic[] } {
  try {
    const { sink, shape } = front(source, options);
    return { shape, diagnostics: sink.items };
  } catch (e) {
    return { shape: null, diagnostics: internalFailure(source, e) };
  }
}

/**
 * Parameter types used when no call has fixed them: annotations, else number / Float64Array (an
 * Int32Array for an array the kernel passes to Atomics, which refuse float arrays).
 */
export function defaultParamTypes(shape: KernelShape): ParamType[] {
  return shape.params.map((p) => p.annotation ?? (p.isArray ? (p.atomic ? "Int32Array" : "Float64Array") : "f"));
}

/** Analyses a kernel without compiling it (what `parfor check` and the editor plugins use). */
export function check(source: string, options: CompileOptions = {}, params?: readonly ParamType[]): CompileResult {
  return run(source, options, params, false);
}

/** Compiles one specialisation of a kernel. */
export function compile(source: string, params: readonly ParamType[], options: CompileOptions = {}): CompileResult {
  return run(source, options, params, true);
}

/**
 * What the compiler decided for each prange of one specialisation (`explain`): compiles it and
 * reads the report off the loop model, the lowering notes and the artifact. With errors, the
 * report lists them and no loops. Never throws.
 */
export function explain(source: string, params: readonly ParamType[], options: CompileOptions = {}): CompileResult & { readonly report: KernelReport } {
  const notes: LoweringNote[] = [];
  const heard: { facts?: Parameters<Listener["seen"]>[0] } = {};
  const r = run(source, options, params, true, { notes, seen: (f) => (heard.facts = f) });
  const failed = (name: string): KernelReport => ({
    name,
    params: [],
    loops: [],
    checkedMode: options.checkRaces === true,
    errors: r.diagnostics.filter((d) => d.category === "error").map(verdict),
    other: [],
  });
  try {
    const f = heard.facts;
    const report = r.compiled && f ? kernelFacts({ ...f, compiled: r.compiled, notes, diagnostics: r.diagnostics, signature: params }) : failed(r.shape?.name ?? "anonymous");
    return { ...r, report };
  } catch (e) {
    const diagnostics = internalFailure(source, e);
    return { diagnostics, sourceOffset: 0, shape: null, compiled: null, report: { ...failed("anonymous"), errors: diagnostics.map(verdict) } };
  }
}

/** What explain() hears of a compile: the lowering notes, and the kernel model once analysed. */
interface Listener {
  readonly notes: LoweringNote[];
  seen(facts: { kernel: Kernel; locate: (offset: number) => { line: number; column: number }; textOf: (p: Pos) => string }): void;
}

/**
 * Every entry returns diagnostics, never throws: an exception inside the compiler (a bug, or a
 * stack overflow when it was called with little stack left) becomes one error diagnostic, so the
 * runtime's `fallback: "js"`, `parfor check` and the editor plugins see a compile error.
 */
function run(source: string, options: CompileOptions, params: readonly ParamType[] | undefined, lower: boolean, listener?: Listener): CompileResult {
  try {
    return runPhases(source, options, params, lower, listener);
  } catch (e) {
    return { diagnostics: internalFailure(source, e), sourceOffset: 0, shape: null, compiled: null };
  }
}

/** Made at load time: what a failure reports when even describing it runs out of stack. */
const LAST_RESORT: readonly Diagnostic[] = (() => {
  const sink = new DiagnosticSink(() => ({ line: 1, column: 1 }));
  sink.report("PF1014", { start: 0, end: 0 }, ["The compiler ran out of stack on this kernel, which is", "too many", MAX_NESTING]);
  return sink.items;
})();

function internalFailure(source: string, e: unknown): readonly Diagnostic[] {
  try {
    return describeFailure(source, e);
  } catch {
    return LAST_RESORT;
  }
}

function describeFailure(source: string, e: unknown): Diagnostic[] {
  const sink = new DiagnosticSink(() => ({ line: 1, column: 1 }));
  const at = { start: 0, end: source.length };
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    let depth: number | string = "too many";
    try {
      depth = bracketNesting(source).depth;
    } catch {
      // keep the words
    }
    sink.report("PF1014", at, [`The compiler ran out of stack (${e.message}) on this kernel, which is`, depth, MAX_NESTING]);
  } else {
    const what = e instanceof Error ? `${e.name}: ${e.message}` : `thrown ${String(e)}`;
    sink.report("PF1015", at, [what]);
  }
  return sink.items;
}

function runPhases(source: string, options: CompileOptions, params: readonly ParamType[] | undefined, lower: boolean, listener?: Listener): CompileResult {
  const { sink, parsed, kernel, shape } = front(source, options);
  if (!parsed || !kernel || !shape) return { diagnostics: sink.items, sourceOffset: 0, shape: null, compiled: null };
  const sourceOffset = parsed.base;
  if (sink.hasErrors) return { diagnostics: sink.items, sourceOffset, shape, compiled: null };
  const text = parsed.sourceFile.text;
  const textOf = (p: Pos): string => kernel.texts?.get(p) ?? text.slice(p.start, p.end);
  const count = params ? signatureProblems(kernel, shape, params).filter((b) => b.code === "PF3002") : [];
  for (const b of count) sink.report(b.code, b.at, b.args);
  if (sink.hasErrors) return { diagnostics: sink.items, sourceOffset, shape, compiled: null };
  try {
    analyse(kernel, params ?? defaultParamTypes(shape), sink, textOf);
    if (sink.hasErrors || !lower) return { diagnostics: sink.items, sourceOffset, shape, compiled: null };
    listener?.seen({ kernel, locate: parsed.locate, textOf });
    const compiled = lowerKernel(kernel, (p) => parsed.locate(p.start), {
      checkRaces: options.checkRaces === true,
      ...(options.probeFastPath ? { probeFastPath: true } : {}),
      ...(listener ? { notes: listener.notes } : {}),
    });
    return { diagnostics: sink.items, sourceOffset, shape, compiled };
  } catch (e) {
    // a signature that contradicts the kernel is the caller's error, not the compiler's
    const bad = params ? signatureProblems(kernel, shape, params) : [];
    if (bad.length === 0) throw e;
    const out = new DiagnosticSink(parsed.locate);
    for (const b of bad) out.report(b.code, b.at, b.args);
    return { diagnostics: out.items, sourceOffset, shape, compiled: null };
  }
}

/**
 * What contradicts the kernel in a signature that only a caller of compile() can give (the run
 * time checks arguments before it compiles): the wrong count (always reported), a scalar for an
 * indexed parameter (reported when the compiler could not handle it), as the PF3002/PF3001 a call
 * with such arguments gets.
 */
function signatureProblems(kernel: Kernel, shape: KernelShape, params: readonly ParamType[]): { code: "PF3001" | "PF3002"; at: Pos; args: (string | number)[] }[] {
  const ps = shape.params;
  const at = { start: 0, end: 0 };
  if (params.length !== ps.length) {
    return [{ code: "PF3002", at, args: [shape.name, ps.length, ps.length === 1 ? "" : "s", ps.map((p) => p.name).join(", ") || "none", `a signature of ${params.length}`] }];
  }
  return ps.flatMap((p, i) =>
    p.isArray && !ARRAY_KINDS.has(params[i]!)
      ? [{ code: "PF3001" as const, at: kernel.params[i]?.pos ?? at, args: [shape.name, i + 1, p.name, "a typed array (it is indexed in the kernel)", `the type '${params[i]}'`] }]
      : [],
  );
}

function analyse(kernel: Kernel, params: readonly ParamType[], sink: DiagnosticSink, textOf: (p: Pos) => string): void {
  inferTypes(kernel, params, sink);
  if (sink.hasErrors) return;
  analyseLoops(kernel, sink, textOf);
  noteInlined(kernel, sink);
}

/** A diagnostic at an inlined call (every node of the helper's body has the call's span) says which helper. */
function noteInlined(kernel: Kernel, sink: DiagnosticSink): void {
  const calls = kernel.inlined ?? [];
  if (calls.length === 0) return;
  sink.items.forEach((d, i) => {
    const c = calls.find((x) => x.start === d.start && x.end - x.start === d.length);
    if (c && !d.message.endsWith(c.note)) sink.items[i] = Object.freeze({ ...d, message: d.message + c.note });
  });
}
