/**
 * The text of an `explain` report: one block per prange, in parfor's words. Positions go through
 * `where` (the front door makes kernel-relative positions absolute); a call's facts (threads,
 * schedule, copies, aliasing) are added when there is a call (kernel.explain(...args)).
 * Imports nothing but types, so the runtime can format without loading the compiler.
 */
import type { ArrayReductionFact, At, CallFacts, KernelReport, LoopReport, ReductionFact, VerdictFact } from "./report.js";

export interface FormatOptions {
  /** an absolute position: `file.ts:12:7` */
  readonly where: (at: At) => string;
  /** the same, within the kernel's file (`12:7`) */
  readonly short?: (at: At) => string;
  readonly call?: CallFacts;
}

const STATIC_CHUNKS = 256;
const MAX_DYNAMIC_CHUNKS = 65536;
const LINE_SHARE = 16;
const COPY_BUDGET = 64 * 1024 * 1024;

const COMBINE: Readonly<Record<string, string>> = {
  "+": "added",
  "*": "multiplied",
  min: "the least kept",
  max: "the greatest kept",
  "&": "combined with &",
  "|": "combined with |",
  "^": "combined with ^",
  "&&": "combined with &&",
  "||": "combined with ||",
};

function size(bytes: number): string {
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

function list(xs: readonly string[], none = "none"): string {
  return xs.length ? xs.join(", ") : none;
}

export function formatReport(r: KernelReport, o: FormatOptions): string {
  const short = o.short ?? ((a: At) => `${a.line}:${a.column}`);
  const sig = r.params.map((p) => `${p.name}: ${p.type}`).join(", ");
  const out: string[] = [];
  if (r.errors.length) {
    out.push(`kernel '${r.name}' at ${o.where({ line: 1, column: 1 })} does not compile:`);
    for (const e of r.errors) out.push(`  ${o.where(e)} error ${e.code}: ${e.message}`);
    return out.join("\n") + "\n";
  }
  out.push(`kernel '${r.name}' (${sig}) at ${o.where({ line: 1, column: 1 })}${r.checkedMode ? ", checked mode (check: \"races\")" : ""}`);
  const c = o.call;
  if (c) {
    out.push(`  threads: ${c.threads}; schedule: ${c.schedule}${c.schedule === "dynamic" ? `, chunkSize ${c.chunkSize}` : ""}`);
    for (const a of c.arrays) {
      const p = r.params.find((x) => x.name === a.name);
      const use = !p || (!p.read && !p.written) ? "not used by the kernel" : a.inPlace ? "a parfor array: used in place, no copy" : `an ordinary array: copied into parfor's memory before each call${p.written ? " and back after it" : ""} (${size(a.bytes)} each way)`;
      out.push(`  argument ${a.name}: ${a.kind}(${a.length}), ${use}`);
    }
    if (c.aliasing) out.push(`  aliasing: ${c.aliasing}`);
  }
  if (r.loops.length === 0) out.push("  no prange loops: the kernel runs on the calling thread");
  for (const l of r.loops) out.push("", ...loopLines(l, r, o, short));
  if (r.other.length) {
    out.push("", "other findings:");
    for (const d of r.other) out.push(`  ${o.where(d)} ${d.severity} ${d.code} (${d.name}): ${d.message}`);
  }
  return out.join("\n") + "\n";
}

function loopLines(l: LoopReport, r: KernelReport, o: FormatOptions, short: (a: At) => string): string[] {
  const out = [`prange #${l.number} at ${o.where(l)}: ${l.header}, index ${l.index}`];
  const row = (label: string, text: string): void => void out.push(`  ${(label + ":").padEnd(15)}${text}`);
  if (!l.parallel) {
    row("runs", l.parent === null ? "serially" : `serially: nested in prange #${l.parent}, each iteration of #${l.parent} runs all of it in its own thread (its reductions, arrays and checks are #${l.parent}'s)`);
    return out;
  }
  const races = l.verdicts.some((v) => v.code.startsWith("PF2"));
  row("runs", execution(l, o.call) + assumedText(l) + (races ? "; the races below are not fixed by parfor: its results may differ from the plain function's" : ""));
  if (l.reductions.length === 0 && l.arrayReductions.length === 0) row("reductions", "none");
  else {
    out.push("  reductions:");
    for (const x of l.reductions) out.push(...reductionLines(x, short));
    for (const x of l.arrayReductions) out.push(...arrayReductionLines(x, short, o.call?.copyBytes[l.number]));
  }
  row("privatised", l.privates.length ? `${list(l.privates)} (one copy per iteration: written before read in every iteration, dead after the loop)` : "none");
  row("copied in", l.liveIn.length ? `${list(l.liveIn)} (outer scalars the loop only reads)` : "none");
  if (l.shared.length) row("shared", `${list(l.shared)} (written by several iterations, kept in shared memory: see races)`);
  const reduced = new Set(l.arrayReductions.map((a) => a.array));
  const rw = [
    l.reads.length ? `reads ${list(l.reads)}` : "",
    l.writes.length ? `writes ${l.writes.map((w) => (reduced.has(w) ? `${w} (through private copies)` : w)).join(", ")}` : "",
  ].filter((x) => x !== "");
  row("arrays", rw.length ? rw.join("; ") + copies(l, r, o.call) : "none");
  row("bounds checks", checks(l, short));
  row("lanes", lanes(l, short));
  if (l.verdicts.length === 0) row("races", "none found: no scalar is shared, and every array write is proven independent of the other iterations");
  else {
    out.push("  races:");
    for (const v of l.verdicts) out.push(`    ${v.code} (${v.name}) at ${short(v)}: ${v.message}`);
  }
  return out;
}

/** The run-time condition of a proof that split the index by a divisor of unknown sign. */
function assumedText(l: LoopReport): string {
  let out = "";
  if (l.assumed.length > 0) {
    const what = l.assumed.map((t) => `\`${t}\``).join(" and ");
    out += `; only when ${what} ${l.assumed.length > 1 ? "are integers" : "is an integer"} >= 1 at the loop (checked each time: the proof that iterations are independent splits the index by it), else in order on the calling thread`;
  }
  if (l.shifts.length > 0) {
    const what = l.shifts.map((t) => `\`${t}\``).join(" and ");
    out += `; only when a check before each run finds that ${what} ${l.shifts.length > 1 ? "stay" : "stays"} within 32-bit integers over the whole loop (where a shift wraps, iterations far apart can meet at one element; a shift the check cannot bound keeps the loop in order), else in order on the calling thread`;
  }
  return out;
}

function execution(l: LoopReport, c: CallFacts | undefined): string {
  if (c?.aliasing) return "on one thread for this call, chunks in order (arguments share memory: see aliasing above)";
  const schedule = c?.schedule ?? "guided";
  const least = [
    ...(l.loopFree ? ["128 (a body without inner loops or reductions)"] : []),
    // a loop-free body's 128 already exceeds any cache line's iterations (at most 64)
    ...(l.lineChunk > 1 && !l.loopFree ? [`min(${l.lineChunk}, floor(n / ${LINE_SHARE})) (${l.lineChunk === 2 && l.lanes === 2 ? "pairs for the two lanes" : `${l.lineChunk} iterations write one 64-byte cache line`})`] : []),
  ];
  const size = (xs: readonly string[]): string => (xs.length ? `max(${[...xs, `ceil(n / ${STATIC_CHUNKS})`].join(", ")})` : `ceil(n / ${STATIC_CHUNKS})`);
  const chunking =
    schedule === "static"
      ? `static schedule: chunks of ${size(least)} iterations (at most ${STATIC_CHUNKS}), by the iteration count alone, one contiguous block of chunks per thread`
      : schedule === "guided"
        ? `guided schedule${c ? "" : " (the default)"}: chunks of ${size([...(c && c.chunkSize > 1 ? [String(c.chunkSize)] : []), ...least])} iterations (at most ${STATIC_CHUNKS}), by the iteration count alone, one block of them per thread claimed in shrinking batches, a thread done with its own taking half of what another has left,`
        : `dynamic schedule: chunks of max(${c?.chunkSize ?? 1}, ceil(n / ${MAX_DYNAMIC_CHUNKS})) iterations, claimed one at a time`;
  const who = c ? (c.threads === 1 ? "on 1 thread (the calling one)" : `by ${c.threads} threads, the calling one included`) : "by the pool's threads and the calling one";
  const index = l.wideIndex ? "; the index is carried as a double" : "";
  return `in parallel; ${chunking} ${who}${c ? "" : " (options threads, schedule, chunkSize)"}${index}`;
}

function reductionLines(x: ReductionFact, short: (a: At) => string): string[] {
  const before = `${x.variable}'s value before the loop${x.declared ? ` (declared \`${x.declared}\` at ${short(x.declaredAt!)})` : " (a parameter)"}`;
  const sites = x.updates > 1 ? ` and ${x.updates - 1} more update${x.updates > 2 ? "s" : ""}` : "";
  const head = `    ${x.variable}`;
  if (x.operator === "carried") {
    return [`${head} (carried with ${x.key}): \`${x.update}\` at ${short(x)}; it takes the value of the chunk whose ${x.key} wins`];
  }
  if (x.operator === "flag") {
    return [`${head} (flag): \`${x.update}\` at ${short(x)}${sites}; set after the loop when any chunk set it, else ${before}`];
  }
  if (x.operator === "argmin" || x.operator === "argmax") {
    const which = x.compare!.includes("=") ? "last" : "first";
    const what = x.operator === "argmin" ? "minimum" : "maximum";
    return [
      `${head} (${x.operator}, \`${x.compare}\`: the ${which} index of the ${what}): \`${x.update}\` at ${short(x)}`,
      `      each chunk starts from ${x.start} and keeps its best value with its carried variables; the chunks are folded in chunk order with \`${x.compare}\` onto ${before}`,
    ];
  }
  const cmp = x.compare ? `, \`${x.compare}\`` : "";
  return [
    `${head} (${x.operator}${cmp}): \`${x.update}\` at ${short(x)}${sites}`,
    `      each chunk starts from ${x.start}; the chunks' results are ${COMBINE[x.operator] ?? "combined"} in chunk order onto ${before}, once`,
  ];
}

function arrayReductionLines(x: ArrayReductionFact, short: (a: At) => string, bytes: number | undefined): string[] {
  const sites = x.updates > 1 ? ` and ${x.updates - 1} more update${x.updates > 2 ? "s" : ""}` : "";
  let fit = "";
  if (bytes !== undefined && bytes > 0) {
    const most = Math.floor(COPY_BUDGET / bytes);
    fit =
      most >= 2
        ? `; with these arguments a chunk's copies take ${size(bytes)}, so at most ${Math.min(most, STATIC_CHUNKS)} chunks`
        : `; with these arguments a chunk's copies take ${size(bytes)}, more than half of 64 MiB: the loop runs as one chunk on one thread, updating the array in place (PF4002)`;
  }
  return [
    `    ${x.array}[] (array, ${x.operator}): \`${x.update}\` at ${short(x)}${sites}`,
    `      each chunk updates a private copy of '${x.array}' whose elements start from ${x.start}; the copies are folded into '${x.array}' in chunk order after the loop (at most 64 MiB of copies per prange${fit})`,
  ];
}

function copies(l: LoopReport, r: KernelReport, c: CallFacts | undefined): string {
  const used = new Set([...l.reads, ...l.writes]);
  const arrays = r.params.filter((p) => used.has(p.name));
  if (!c) return arrays.length ? " (parfor arrays are used in place; ordinary typed arrays are copied in before each call, and back after it when written)" : "";
  const copied = c.arrays.filter((a) => used.has(a.name) && !a.inPlace).map((a) => a.name);
  return copied.length ? ` (${list(copied)} copied for this call: see arguments)` : " (all parfor arrays: no copies)";
}

function checks(l: LoopReport, short: (a: At) => string): string {
  const n = l.hoisted.length + l.checked.length;
  if (n === 0) return "none (no array access)";
  const acc = (xs: readonly { text: string; line: number; column: number }[]): string => xs.map((x) => `${x.text} ${short(x)}`).join(", ");
  const parts: string[] = [];
  if (l.lanes === 2) parts.push("the two-lane part checks the chunk's whole index range once");
  if (l.hoisted.length) parts.push(`${l.hoisted.length} of ${n} checked once per chunk, at its entry (${acc(l.hoisted)})`);
  if (l.checked.length) parts.push(`${l.hoisted.length ? "the rest" : `all ${n}`} checked at each access (${acc(l.checked)})`);
  if (l.hoisted.length) parts.push("a chunk whose entry check fails runs the fully checked loop, which raises the exact error");
  return parts.join("; ");
}

function lanes(l: LoopReport, short: (a: At) => string): string {
  const inner = l.laneLoops.length
    ? `; the inner loop${l.laneLoops.length > 1 ? "s" : ""} ${l.laneLoops.map((x) => `\`${oneLine(x.text)}\` at ${short(x.at)}`).join(", ")} run${l.laneLoops.length > 1 ? "" : "s"} two trips per step on its counter's lanes where the chunk's checks hold`
    : "";
  const kept = l.keptLoops.map((x) => `; the loop \`${oneLine(x.text)}\` at ${short(x.at)} keeps \`${oneLine(x.access)}\` in a local across its trips where that array shares no memory with the others it accesses`).join("");
  return lanesOf(l, short) + inner + kept;
}

function lanesOf(l: LoopReport, short: (a: At) => string): string {
  if (l.lanes === 2) return `two (f64x2): two iterations per step${l.reductions.length ? ", the lanes folded at the end of each chunk" : ""}; a chunk's odd last iteration runs alone`;
  const s = l.scalar!;
  return `one iteration at a time: ${s.why}${s.text !== null && s.at !== null ? `: \`${oneLine(s.text)}\` at ${short(s.at)}` : ""}`;
}

function oneLine(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 60 ? t.slice(0, 57) + "..." : t;
}

/** A verdict as one line (for JSON consumers that want text). */
export function verdictText(v: VerdictFact, where: (a: At) => string): string {
  return `${where(v)} ${v.severity} ${v.code}: ${v.message}`;
}
