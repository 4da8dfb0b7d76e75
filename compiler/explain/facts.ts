/**
 * Reads a KernelReport off what the phases produced for one specialisation: the loop model of
 * analysis/loops.ts (reductions, privates, live-ins, shared scalars, arrays, the loop's
 * diagnostics), the LoweringNote of lower/kernel.ts (lanes and why not, hoisted checks, the values
 * chunks start from) and the artifact (signature, access sites). Nothing here decides anything.
 */
import type { CompiledKernel } from "../artifact.js";
import type { ParamType } from "../analysis/types.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { LoweringNote } from "../lower/kernel.js";
import type { Kernel, Pos, PrangeStmt, Reduction, Stmt, Var } from "../model/ir.js";
import { forEachStmt } from "../model/walk.js";
import type { AccessFact, At, KernelReport, LoopReport, ReductionFact, VerdictFact } from "./report.js";

export interface FactSources {
  readonly kernel: Kernel;
  readonly compiled: CompiledKernel;
  readonly notes: readonly LoweringNote[];
  readonly diagnostics: readonly Diagnostic[];
  readonly locate: (offset: number) => At;
  readonly textOf: (p: Pos) => string;
  /** the parameter types compiled for */
  readonly signature: readonly ParamType[];
}

/** How the report names a parameter type of the signature. */
export function typeName(t: ParamType): string {
  return t === "f" ? "number" : t === "i" ? "int32" : t === "s" ? "int in [0, 2^20]" : t === "b" ? "boolean" : t;
}

export function numberText(v: number, bool: boolean): string {
  if (bool) return v ? "true" : "false";
  return Object.is(v, -0) ? "-0" : String(v);
}

export function verdict(d: Diagnostic): VerdictFact {
  return { code: d.code, name: d.name, severity: d.category, message: d.message, line: d.line, column: d.column };
}

/** The report of a kernel that compiled. */
export function kernelFacts(src: FactSources): KernelReport {
  const { kernel: k, compiled } = src;
  const at = (p: { start: number }): At => src.locate(p.start);
  const all: PrangeStmt[] = [];
  forEachStmt(k.body, (s) => {
    if (s.k === "prange") all.push(s);
  });
  const numberOf = new Map(all.map((p, i) => [p, i]));
  const lets = new Map<Var, Extract<Stmt, { k: "let" }>>();
  forEachStmt(k.body, (s) => {
    if (s.k === "let" && !lets.has(s.v)) lets.set(s.v, s);
  });
  const inLoops = new Set<number>();
  const loops = all.map((p, i): LoopReport => {
    const base = { number: i, header: src.textOf(p.callPos), index: p.index.name, ...at(p.callPos) };
    const none = { reductions: [], arrayReductions: [], privates: [], liveIn: [], shared: [], reads: [], writes: [], hoisted: [], checked: [], lanes: 1 as const, laneLoops: [], keptLoops: [], scalar: null, wideIndex: false, assumed: [], shifts: [], loopFree: false, lineChunk: 1, verdicts: [] };
    if (p.serial) {
      const parent = all.filter((q) => !q.serial && q.start <= p.start && p.end <= q.end).pop();
      return { ...base, ...none, parallel: false, parent: parent ? numberOf.get(parent)! : null };
    }
    const m = p.model!;
    const note = src.notes.find((n) => n.id === p.id)!;
    const info = compiled.loops.find((l) => l.id === p.id)!;
    const [from, to] = m.diagnostics;
    for (let j = from; j < to; j++) inLoops.add(j);
    const names = (vs: readonly Var[]): string[] => vs.map((v) => v.name);
    const hoistedIds = new Set(note.hoistedSites);
    const hoisted: AccessFact[] = [];
    const checked: AccessFact[] = [];
    k.sites.forEach((s, id) => {
      if (s.pos.start < p.start || s.pos.end > p.end) return;
      (hoistedIds.has(id) ? hoisted : checked).push({ array: s.array, text: src.textOf(s.pos), ...at(s.pos) });
    });
    const arrayStart = new Map(note.arrayStarts.map((a) => [a.array, a.value]));
    return {
      ...base,
      parallel: true,
      parent: null,
      reductions: m.reductions.map((r) => reductionFact(r, note, lets, src)),
      arrayReductions: m.arrayReductions.map((r) => ({
        array: r.array.name,
        operator: r.op,
        update: src.textOf(r.sites[0]!),
        updates: r.sites.length,
        start: numberText(arrayStart.get(r.array)!, false),
        ...at(r.sites[0]!),
      })),
      privates: names(m.privates),
      liveIn: names(m.liveIn),
      shared: names(m.shared),
      reads: names(m.arraysRead),
      writes: names(m.arraysWritten),
      hoisted,
      checked,
      lanes: info.lanes,
      laneLoops: note.laneLoops.map((x) => ({ text: src.textOf(x), at: at(x) })),
      keptLoops: note.keptLoops.map((x) => ({ text: src.textOf(x.loop), at: at(x.loop), access: `${x.array}[${src.textOf(x.index)}]` })),
      scalar: note.scalar && { why: note.scalar.why, text: note.scalar.at && src.textOf(note.scalar.at), at: note.scalar.at && at(note.scalar.at) },
      wideIndex: info.wideIndex,
      assumed: m.serialUnless.map((e) => src.textOf(e)),
      shifts: m.shiftsAssumed.map((e) => src.textOf(e)),
      loopFree: info.innerLoops === false && info.reductions === 0,
      lineChunk: info.reductions === 0 ? (info.lineChunk ?? 1) : 1,
      verdicts: src.diagnostics.slice(from, to).map(verdict),
    };
  });
  return {
    name: k.name,
    params: k.params.map((v, i) => {
      const slot = compiled.params.find((s) => s.name === v.name);
      const rw = slot?.kind === "array" ? { read: slot.read, written: slot.written } : { read: false, written: false };
      return { name: v.name, type: typeName(src.signature[i] ?? "f"), ...rw };
    }),
    loops,
    checkedMode: compiled.checked === true,
    errors: [],
    other: src.diagnostics.filter((_, j) => !inLoops.has(j)).map(verdict),
  };
}

function reductionFact(r: Reduction, note: LoweringNote, lets: ReadonlyMap<Var, Extract<Stmt, { k: "let" }>>, src: FactSources): ReductionFact {
  const first = r.updates[0]!;
  const start = note.starts.find((s) => s.v === r.v)?.value ?? null;
  const bool = r.v.ty?.k === "bool";
  const decl = lets.get(r.v);
  const cmpText = r.cmp !== undefined && first.value !== null ? `${src.textOf(first.value)} ${r.cmp} ${r.op === "carried" ? r.key!.name : r.v.name}` : undefined;
  const operator =
    r.op === "loc" ? (r.cmp === "<" || r.cmp === "<=" ? "argmin" : "argmax") : r.op === "minIf" ? "min" : r.op === "maxIf" ? "max" : r.op;
  return {
    variable: r.v.name,
    operator,
    ...(cmpText !== undefined && r.op !== "carried" ? { compare: cmpText } : {}),
    ...(r.key ? { key: r.key.name } : {}),
    update: src.textOf(first.at),
    updates: r.updates.length,
    start: start === null ? null : numberText(start, bool),
    declared: decl ? (decl.init ? `${r.v.name} = ${src.textOf(decl.init)}` : r.v.name) : null,
    declaredAt: decl ? src.locate(decl.v.pos.start) : null,
    ...src.locate(first.at.start),
  };
}
