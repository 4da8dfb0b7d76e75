/**
 * Checked mode (`parallel(fn, { check: "races" })` or PARFOR_CHECK=races): a dynamic race checker
 * for the inputs a call is given, the second opinion that static analysis cannot give for index
 * arrays and the like. A kernel compiled for it calls `env.shadow(site, index, iteration, mode)`
 * before every array access inside a prange (compiler/lower/access.ts). Each array parameter gets
 * shadow state, six int32 per element: the last writer's iteration and site, and up to two
 * readers' (two distinct readers are enough: any later writer differs from at least one). An
 * iteration is its ordinal in the prange plus one, so 0 means "none"; the state is cleared before
 * each prange runs. Two accesses to one element by different iterations of one prange, at least
 * one a write, are a race whatever the schedule or thread count, so a report never depends on
 * timing and a clean run is clean on any number of threads:
 *
 *   write: old = xchg(writer, me); old && old != me       -> write after write
 *          each reader r: r && r != me                      -> write after read
 *   read:  cmpxchg(reader1, 0, me), else cmpxchg(reader2, 0, me) when reader1 is another iteration;
 *          then writer w: w && w != me                      -> read after write
 *
 * (the write publishes itself before it looks at readers, the read before it looks at the writer,
 * so of two concurrent accesses at least one sees the other: Atomics are sequentially
 * consistent). Races are logged into the control block (any thread) and thrown by the caller as
 * one ParforRaceError when the call ends.
 */
import type { KernelMeta } from "./errors.js";
import { formatPosition } from "./errors.js";
import {
  CHECK_CAPACITY,
  CHECK_COUNT,
  CHECK_RECORDS_BYTE,
  CHECK_START_BYTE,
  CHECK_STEP_BYTE,
  MAX_CHECKED_PARAMS,
  RACE_RECORD_FIELDS,
  SHADOW_TABLE,
} from "./control.js";
import { alloc, release } from "./memory.js";
import type { WasmMemory } from "./wasm.js";

const INTS_PER_ELEMENT = 6;
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

/** Two iterations of one prange that touched one element, at least one writing it. */
export interface Race {
  readonly array: string;
  readonly index: number;
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

/** The `env.shadow` import of a checked kernel on this thread. */
export function shadowImport(memory: WasmMemory, ctl: Int32Array, meta: KernelMeta): (site: number, index: number, iteration: number, mode: number) => void {
  const siteParam = meta.sites.map((s) => meta.params.findIndex((p) => p.kind === "array" && p.name === s.array));
  let ints = new Int32Array(memory.buffer);
  let f64 = new Float64Array(memory.buffer, 0, SHADOW_TABLE / 2);
  const log = (kind: number, param: number, index: number, otherTag: number, otherSite: number, iteration: number, site: number): void => {
    const n = Atomics.add(ctl, CHECK_COUNT, 1);
    if (n >= CHECK_CAPACITY) return;
    const start = f64[CHECK_START_BYTE / 8]!;
    const step = f64[CHECK_STEP_BYTE / 8]!;
    const at = CHECK_RECORDS_BYTE / 8 + n * RACE_RECORD_FIELDS;
    f64[at] = kind;
    f64[at + 1] = param;
    f64[at + 2] = index;
    f64[at + 3] = start + (otherTag - 1) * step;
    f64[at + 4] = otherSite;
    f64[at + 5] = iteration;
    f64[at + 6] = site;
  };
  return (site, index, iteration, mode) => {
    const param = siteParam[site] ?? -1;
    if (param < 0) return;
    const base = Atomics.load(ctl, SHADOW_TABLE + param) >>> 0;
    if (base === 0) return;
    const e = (base >>> 2) + index * INTS_PER_ELEMENT;
    if (e + INTS_PER_ELEMENT > ints.length) {
      // the memory grew since this view was made
      ints = new Int32Array(memory.buffer);
      f64 = new Float64Array(memory.buffer, 0, SHADOW_TABLE / 2);
    }
    const me = (iteration - f64[CHECK_START_BYTE / 8]!) / f64[CHECK_STEP_BYTE / 8]! + 1;
    if (mode !== 1) {
      // read (also the read half of a read-modify-write)
      const r1 = Atomics.compareExchange(ints, e + 2, 0, me);
      if (r1 === 0) Atomics.store(ints, e + 3, site);
      else if (r1 !== me && Atomics.compareExchange(ints, e + 4, 0, me) === 0) Atomics.store(ints, e + 5, site);
      const w = Atomics.load(ints, e);
      if (w !== 0 && w !== me) log(WR, param, index, w, Atomics.load(ints, e + 1), iteration, site);
    }
    if (mode !== 0) {
      const oldSite = Atomics.exchange(ints, e + 1, site);
      const old = Atomics.exchange(ints, e, me);
      if (old !== 0 && old !== me) {
        log(WW, param, index, old, oldSite, iteration, site);
        return;
      }
      for (let r = 2; r <= 4; r += 2) {
        const t = Atomics.load(ints, e + r);
        if (t !== 0 && t !== me) {
          log(RW, param, index, t, Atomics.load(ints, e + r + 1), iteration, site);
          return;
        }
      }
    }
  };
}

/** Shadow blocks of a checked call: allocated per call, cleared before each prange. */
export interface CheckedCall {
  /** the races found, as an error to throw, or null */
  error(): ParforRaceError | null;
  release(): void;
}

/** Allocates the shadow state of a checked call of `meta` with the frame at `frame`, and resets the log. */
export function beginChecked(memory: WasmMemory, ctl: Int32Array, meta: KernelMeta, frame: number): CheckedCall {
  const blocks: number[] = [];
  const fv = new DataView(memory.buffer, frame, meta.frameSize);
  if (meta.params.length > MAX_CHECKED_PARAMS) throw new RangeError(`parfor: checked mode supports at most ${MAX_CHECKED_PARAMS} parameters`);
  meta.params.forEach((p, k) => {
    Atomics.store(ctl, SHADOW_TABLE + k, 0);
    if (p.kind !== "array" || (!p.read && !p.written)) return;
    const len = fv.getInt32(p.lengthOffset, true);
    const ptr = alloc(Math.max(1, len) * INTS_PER_ELEMENT * 4, 16);
    blocks.push(ptr);
    Atomics.store(ctl, SHADOW_TABLE + k, ptr);
  });
  Atomics.store(ctl, CHECK_COUNT, 0);
  return {
    error(): ParforRaceError | null {
      return raceError(memory, ctl, meta);
    },
    release(): void {
      meta.params.forEach((_, k) => Atomics.store(ctl, SHADOW_TABLE + k, 0));
      for (const b of blocks) release(b);
    },
  };
}

/** Before a prange of a checked kernel runs: clear every shadow, record start and step. */
export function resetShadows(memory: WasmMemory, ctl: Int32Array, meta: KernelMeta, frame: number, start: number, step: number): void {
  const fv = new DataView(memory.buffer, frame, meta.frameSize);
  const f64 = new Float64Array(memory.buffer, 0, SHADOW_TABLE / 2);
  f64[CHECK_START_BYTE / 8] = start;
  f64[CHECK_STEP_BYTE / 8] = step;
  meta.params.forEach((p, k) => {
    const ptr = Atomics.load(ctl, SHADOW_TABLE + k) >>> 0;
    if (ptr === 0 || p.kind !== "array") return;
    const len = fv.getInt32(p.lengthOffset, true);
    new Int32Array(memory.buffer, ptr, len * INTS_PER_ELEMENT).fill(0);
  });
}

const KIND: Record<number, ["read" | "write", "read" | "write"]> = { [WW]: ["write", "write"], [RW]: ["read", "write"], [WR]: ["write", "read"] };

function access(meta: KernelMeta, site: number, iteration: number, kind: "read" | "write"): RaceAccess {
  const s = meta.sites[site];
  const line = s?.line ?? 1;
  const column = s?.column ?? 1;
  const o = meta.origin;
  return {
    iteration,
    access: kind,
    position: formatPosition(meta, line, column),
    ...(o.file !== undefined ? { file: o.file } : {}),
    line: o.line + line - 1,
    column: line === 1 ? o.column + column - 1 : column,
  };
}

function raceError(memory: WasmMemory, ctl: Int32Array, meta: KernelMeta): ParforRaceError | null {
  const count = Atomics.load(ctl, CHECK_COUNT);
  if (count === 0) return null;
  const f64 = new Float64Array(memory.buffer, CHECK_RECORDS_BYTE, CHECK_CAPACITY * RACE_RECORD_FIELDS);
  const seen = new Set<string>();
  const races: Race[] = [];
  for (let n = 0; n < Math.min(count, CHECK_CAPACITY); n++) {
    const r = f64.subarray(n * RACE_RECORD_FIELDS, (n + 1) * RACE_RECORD_FIELDS);
    const [kind, param, index, itA, siteA, itB, siteB] = Array.from(r);
    const name = meta.params[param!]?.name ?? `#${param}`;
    const key = `${param}:${index}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const [ka, kb] = KIND[kind!]!;
    races.push({ array: name, index: index!, first: access(meta, siteA!, itA!, ka), second: access(meta, siteB!, itB!, kb) });
  }
  const truncated = count > CHECK_CAPACITY;
  const shown = races
    .slice(0, 5)
    .map((r) => `  '${r.array}'[${r.index}]: ${r.first.access} by iteration ${r.first.iteration} at ${r.first.position}, ${r.second.access} by iteration ${r.second.iteration} at ${r.second.position}`);
  const more = races.length > 5 || truncated ? `\n  ... ${truncated ? "more than " : ""}${races.length} elements in all (see .races)` : "";
  return new ParforRaceError(
    `parfor: kernel '${meta.name}' raced in checked mode: ${races.length === 1 ? "two iterations of a prange touched one element" : `iterations of a prange touched ${races.length} elements`}, at least one writing:\n${shown.join("\n")}${more}`,
    races,
    truncated,
  );
}
