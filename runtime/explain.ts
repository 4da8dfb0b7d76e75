/**
 * `kernel.explain(...args)`: what the compiler decided for each prange of the specialisation
 * these arguments select (compiler/explain, read off the analysis and lowering), plus what this
 * call adds: threads and schedule, which arrays are used in place and which are copied, and
 * whether the arguments alias so that the call runs on one thread. Runs nothing and copies
 * nothing; needs the compiler (Node; not a page, where kernels are precompiled).
 */
import type { CompileOptions, KernelShape, ParamType } from "../compiler/interface.js";
import type { CallFacts, KernelReport } from "../compiler/explain/report.js";
import { formatReport } from "../compiler/explain/format.js";
import type { ParallelOptions, RunSettings } from "./options.js";
import { signatureOf } from "./signature.js";
import { aliasHazard, aliasMessage, aliasPolicy } from "./alias.js";
import { viewFacts } from "./views.js";
import { arrayBlockOf, isSharedView } from "./memory.js";

/** What `kernel.explain(...args)` returns; `String(e)` and `e.text` are the report's text. */
export interface Explanation {
  readonly text: string;
  /** the compiler's facts per prange (positions relative to the kernel's first line) */
  readonly report: KernelReport;
  /** this call's facts */
  readonly call: CallFacts;
  toString(): string;
}

/** What explain needs of a kernel's dispatcher. */
export interface ExplainContext {
  readonly name: string;
  readonly source: string;
  readonly options: ParallelOptions;
  readonly compileOptions: CompileOptions;
  /** a kernel-relative position made absolute (through the file's source map when it has one); no file when unknown */
  place(line: number, column: number): { readonly file?: string; readonly line: number; readonly column: number };
  readonly settings: RunSettings;
  shape(): KernelShape;
  /** the compiler's explain (compiler/index.ts; typed here so that this module's declarations reach no compiler module) */
  jit(): { explain(source: string, params: readonly ParamType[], options: CompileOptions): { readonly report: KernelReport } };
}

const align8 = (n: number): number => (n + 7) & ~7;

export function explainCall(c: ExplainContext, args: readonly unknown[]): Explanation {
  const shape = c.shape();
  const sig: ParamType[] = signatureOf(c.name, shape, args);
  const r = c.jit().explain(c.source, sig, c.compileOptions);
  const report: KernelReport = { ...r.report, name: c.name };
  const arrays = shape.params.flatMap((p, i) => {
    const v = viewFacts(args[i]);
    if (!p.isArray || v === null) return [];
    const shared = isSharedView(args[i] as ArrayBufferView) && arrayBlockOf(v.byteOffset, Math.max(1, v.byteLength)) >= 0;
    return [{ name: p.name, kind: v.kind, length: v.length, bytes: v.byteLength, inPlace: shared }];
  });
  const hazard = aliasHazard(c.source, () => shape.params.map((p) => p.name), c.options.globals, args);
  const copyBytes: Record<number, number> = {};
  for (const l of report.loops) {
    if (l.arrayReductions.length === 0) continue;
    copyBytes[l.number] = l.arrayReductions.reduce((sum, a) => {
      const v = arrays.find((x) => x.name === a.array);
      return sum + (v ? align8(v.bytes) : 0);
    }, 0);
  }
  const call: CallFacts = {
    threads: hazard ? 1 : c.settings.threads,
    schedule: c.settings.schedule,
    chunkSize: c.settings.chunkSize,
    arrays,
    aliasing: hazard ? aliasMessage(c.name, hazard.written, hazard.other, aliasPolicy(c.options.aliasing) === "error") : null,
    copyBytes,
  };
  const text = formatReport(report, {
    where: (a) => {
      const p = c.place(a.line, a.column);
      return p.file !== undefined ? `${p.file}:${p.line}:${p.column}` : `kernel ${c.name} line ${p.line}:${p.column}`;
    },
    short: (a) => {
      const p = c.place(a.line, a.column);
      return `${p.line}:${p.column}`;
    },
    call,
  });
  return Object.freeze({ text, report, call, toString: () => text });
}
