/**
 * Checked mode (`parallel(fn, { check: "races" })` or PARFOR_CHECK=races): a dynamic race checker
 * for the inputs a call is given, the second opinion that static analysis cannot give for index
 * arrays and the like. A kernel compiled for it runs its own `shadow` function
 * (compiler/lower/shadow.ts) before every array access inside a prange: per element of each array
 * parameter, three i64 words (last writer, two readers), each tagged with the prange's epoch, the
 * iteration's ordinal and the access site. Two accesses to one element by different iterations of
 * one prange, at least one a write, are a race whatever the schedule or thread count, so a report
 * never depends on timing and a clean run is clean on any number of threads.
 *
 * This file owns the state around it: shadow blocks allocated (and zeroed) per call with their
 * addresses in the control block's table (CHECK_LAYOUT), a new epoch per prange instead of
 * clearing the blocks, and the log turned into one ParforRaceError when the call ends.
 */
import type { KernelMeta } from "./errors.js";
import { absolutePosition, formatPosition } from "./errors.js";
import { CHECK_LAYOUT as C } from "../compiler/artifact.js";
import { alloc, release } from "./memory.js";
import type { WasmMemory } from "./wasm.js";

const CHECK_CAPACITY = C.capacity;
const RACE_RECORD_FIELDS = C.recordFields;
const TABLE = C.tableByte / 4;
const COUNT = C.countByte / 4;
const EPOCH = C.epochByte / 4;
const MAX_EPOCH = 0xffff;
const WW = 0;
const RW = 1;
const WR = 2;

/** One access of a race. */
export interface RaceAccess {
  /** the value of the prange's index in that iteration */
  readonly iteration: number;
  readonly access: "read" | "write";
  /** `file:line:column` (or `kernel name line l:c`) of the access in the source */
  readonly position: string;
  /** the file, when known, and the 1-based line and column there */
  readonly file?: string;
  readonly line: number;
  readonly column: number;
}

/** Two iterations of one prange that touched one element (or shared scalar), at least one writing it. */
export interface Race {
  /** the array, or the shared scalar (a variable declared outside the prange) */
  readonly array: string;
  /** the element; null for a shared scalar */
  readonly index: number | null;
  readonly first: RaceAccess;
  readonly second: RaceAccess;
}

/** Thrown by a checked call whose prange iterations raced on the inputs it was given. */
export class ParforRaceError extends Error {
  override readonly name = "ParforRaceError";
  constructor(
    message: string,
    /** every race found (one per element, in the order found), at most CHECK_CAPACITY */
    readonly races: readonly Race[],
    /** true when more races were found than recorded */
    readonly truncated: boolean,
  ) {
    super(message);
  }
}

/** Shadow blocks of a checked call: kept per kernel between calls, a new epoch per prange. */
export interface CheckedCall {
  /** the races found, as an error to throw, or null */
  error(): ParforRaceError | null;
  release(): void;
}

interface Block {
  ptr: number;
  bytes: number;
}

/**
 * Shadow blocks kept between the calls of a kernel (by parameter), so a call does not allocate
 * and clear them again: earlier calls' words are of earlier epochs, which read as empty. Dropped
 * when the kernel is collected; kept only while all of them together stay under KEEP_BYTES.
 */
const kept = new WeakMap<KernelMeta, (Block | undefined)[]>();
const keptLists = new Set<(Block | undefined)[]>();
let keptBytes = 0;
const KEEP_BYTES = 256 * 1024 * 1024;
const dropKept = new FinalizationRegistry<(Block | undefined)[]>((blocks) => {
  if (!keptLists.delete(blocks)) return;
  for (const b of blocks) {
    if (b === undefined) continue;
    keptBytes -= b.bytes;
    release(b.ptr);
  }
});

function zero(memory: WasmMemory, b: Block): void {
  new Uint8Array(memory.buffer, b.ptr, b.bytes).fill(0);
}

/** Points the shadow table at the state of a checked call of `meta` with the frame at `frame`, and resets the log. */
export function beginChecked(memory: WasmMemory, ctl: Int32Array, meta: KernelMeta, frame: number): CheckedCall {
  if (meta.params.length > C.maxParams) throw new RangeError(`parfor: checked mode supports at most ${C.maxParams} parameters`);
  const fv = new DataView(memory.buffer, frame, meta.frameSize);
  let blocks = kept.get(meta);
  const fresh = blocks === undefined;
  if (blocks === undefined) blocks = [];
  const temporary: Block[] = [];
  const scalars = meta.checkedScalars?.length ?? 0;
  if (scalars > 0 && meta.params.length >= C.maxParams) throw new RangeError(`parfor: checked mode supports at most ${C.maxParams - 1} parameters with shared scalars`);
  // the table: one entry per parameter, then the shared scalars' block
  const place = (k: number, bytes: number): void => {
    let b = blocks![k];
    if (b === undefined || b.bytes < bytes) {
      if (b !== undefined) {
        keptBytes -= b.bytes;
        release(b.ptr);
        blocks[k] = undefined;
      }
      // zeroed once: a zero word is of epoch 0, which no prange has, so it reads as empty
      b = { ptr: alloc(bytes, 16), bytes };
      zero(memory, b);
      if (keptBytes + bytes <= KEEP_BYTES) {
        blocks[k] = b;
        keptBytes += bytes;
      } else temporary.push(b);
    }
    Atomics.store(ctl, TABLE + k, b.ptr);
  };
  meta.params.forEach((p, k) => {
    Atomics.store(ctl, TABLE + k, 0);
    // arrays no loop writes are not instrumented (compiler/lower/checked.ts)
    if (p.kind !== "array" || !p.written) return;
    place(k, Math.max(1, fv.getInt32(p.lengthOffset, true)) * C.elementBytes);
  });
  if (scalars > 0) place(meta.params.length, scalars * C.elementBytes);
  if (fresh && blocks.some((b) => b !== undefined)) {
    kept.set(meta, blocks);
    keptLists.add(blocks);
    dropKept.register(meta, blocks);
  }
  Atomics.store(ctl, COUNT, 0);
  return {
    error(): ParforRaceError | null {
      return raceError(memory, ctl, meta);
    },
    release(): void {
      for (let k = 0; k <= meta.params.length; k++) Atomics.store(ctl, TABLE + k, 0);
      for (const b of temporary) release(b.ptr);
    },
  };
}

/**
 * Before a prange of a checked kernel runs: a new epoch, so every shadow word of earlier pranges
 * (and calls) reads as empty without touching the state, and the prange's start and step. When
 * the 16-bit epoch wraps, all shadow state is cleared and counting starts again at 1.
 */
export function resetShadows(memory: WasmMemory, ctl: Int32Array, meta: KernelMeta, frame: number, start: number, step: number): void {
  const f64 = new Float64Array(memory.buffer, C.startByte, 2);
  f64[0] = start;
  f64[1] = step;
  let epoch = Atomics.load(ctl, EPOCH) + 1;
  if (epoch > MAX_EPOCH || epoch < 1) {
    for (const list of keptLists) for (const b of list) if (b !== undefined) zero(memory, b);
    // this call's blocks that are not kept
    const fv = new DataView(memory.buffer, frame, meta.frameSize);
    meta.params.forEach((p, k) => {
      const ptr = Atomics.load(ctl, TABLE + k) >>> 0;
      if (ptr === 0 || p.kind !== "array") return;
      zero(memory, { ptr, bytes: Math.max(1, fv.getInt32(p.lengthOffset, true)) * C.elementBytes });
    });
    const sp = Atomics.load(ctl, TABLE + meta.params.length) >>> 0;
    if (sp !== 0 && meta.checkedScalars?.length) zero(memory, { ptr: sp, bytes: meta.checkedScalars.length * C.elementBytes });
    epoch = 1;
  }
  Atomics.store(ctl, EPOCH, epoch);
}

const KIND: Record<number, ["read" | "write", "read" | "write"]> = { [WW]: ["write", "write"], [RW]: ["read", "write"], [WR]: ["write", "read"] };

function access(meta: KernelMeta, site: number, iteration: number, kind: "read" | "write"): RaceAccess {
  const s = meta.sites[site];
  const line = s?.line ?? 1;
  const column = s?.column ?? 1;
  const p = absolutePosition(meta.origin, line, column);
  return {
    iteration,
    access: kind,
    position: formatPosition(meta, line, column),
    ...(p.file !== undefined ? { file: p.file } : {}),
    line: p.line,
    column: p.column,
  };
}

function raceError(memory: WasmMemory, ctl: Int32Array, meta: KernelMeta): ParforRaceError | null {
  const count = Atomics.load(ctl, COUNT);
  if (count === 0) return null;
  const f64 = new Float64Array(memory.buffer, C.recordsByte, CHECK_CAPACITY * RACE_RECORD_FIELDS);
  const seen = new Set<string>();
  const races: Race[] = [];
  for (let n = 0; n < Math.min(count, CHECK_CAPACITY); n++) {
    const r = f64.subarray(n * RACE_RECORD_FIELDS, (n + 1) * RACE_RECORD_FIELDS);
    const [kind, param, index, itA, siteA, itB, siteB] = Array.from(r);
    const scalar = param === meta.params.length;
    const name = scalar ? (meta.checkedScalars?.[index!] ?? `#${index}`) : (meta.params[param!]?.name ?? `#${param}`);
    const key = `${param}:${index}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const [ka, kb] = KIND[kind!]!;
    races.push({ array: name, index: scalar ? null : index!, first: access(meta, siteA!, itA!, ka), second: access(meta, siteB!, itB!, kb) });
  }
  const truncated = count > CHECK_CAPACITY;
  const shown = races
    .slice(0, 5)
    .map((r) => `  '${r.array}'${r.index === null ? "" : `[${r.index}]`}: ${r.first.access} by iteration ${r.first.iteration} at ${r.first.position}, ${r.second.access} by iteration ${r.second.iteration} at ${r.second.position}`);
  const more = races.length > 5 || truncated ? `\n  ... ${truncated ? "more than " : ""}${races.length} elements in all (see .races)` : "";
  return new ParforRaceError(
    `parfor: kernel '${meta.name}' raced in checked mode: ${races.length === 1 ? `two iterations of a prange touched ${races[0]!.index === null ? "one shared scalar" : "one element"}` : `iterations of a prange touched ${races.length} ${races.some((r) => r.index === null) ? "elements and shared scalars" : "elements"}`}, at least one writing:\n${shown.join("\n")}${more}`,
    races,
    truncated,
  );
}
