/**
 * Public runtime functions: arrays on the shared memory (`array`, `free`), the default thread
 * count (`threads`) and ending the worker pool (`shutdown`).
 */

import { asyncIdle, loadedKernels, whenIdle } from "./invoke.js";
import { addArrayBlock, alloc, currentBuffer, heapStats, isPinned, release, removeArrayBlock } from "./memory.js";
import { poolSize, shutdownPool } from "./pool.js";
import { viewFacts } from "./views.js";
import { MAX_WORKERS } from "./control.js";
import { host } from "./host.js";

/** The typed array constructors parfor accepts. */
export type ArrayConstructor =
  | Float64ArrayConstructor
  | Float32ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int8ArrayConstructor
  | Uint8ArrayConstructor
  | Uint8ClampedArrayConstructor;

const KINDS: readonly ArrayConstructor[] = [
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
];

/** Arrays made by `array` -> their heap address (0 once freed). */
const owned = new WeakMap<object, number>();
let liveArrays = 0;

/**
 * A zero-filled typed array of `n` elements on parfor's shared memory: kernels use it in place,
 * with no copy in or out. Release it with `free` when done (it is not garbage-collected).
 */
export function array<C extends ArrayConstructor>(Ctor: C, n: number): InstanceType<C> {
  if (!KINDS.includes(Ctor)) {
    const name = typeof Ctor === "function" ? (Ctor as { name?: string }).name || "anonymous function" : typeof Ctor;
    throw new TypeError(
      `parfor.array: Ctor must be one of ${KINDS.map((k) => k.name).join(", ")}, got ${name}`,
    );
  }
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
    throw new TypeError(`parfor.array: n must be a non-negative safe integer, got ${typeof n === "number" ? n : typeof n}`);
  }
  const bytes = n * Ctor.BYTES_PER_ELEMENT;
  // on a cache line, so that chunks of a line's iterations (LoopInfo.lineChunk) of a loop from 0
  // whose chunk size is a multiple of them start on one (other chunk sizes and starts shift them)
  const ptr = alloc(bytes, 64);
  const view = new (Ctor as Float64ArrayConstructor)(currentBuffer(), ptr, n);
  view.fill(0); // heap blocks are reused, so clear what a previous array left
  owned.set(view, ptr);
  addArrayBlock(ptr, Math.max(16, bytes));
  liveArrays++;
  return view as unknown as InstanceType<C>;
}

/**
 * A parfor array with the kind, length and contents of `src` (any of the nine typed-array
 * kinds): data moved into shared memory once, then used in place by every call.
 */
function arrayFrom<T extends ArrayBufferView>(src: T): T {
  const f = viewFacts(src);
  if (f === null) throw new TypeError(`parfor.array.from: src must be a typed array of one of the kinds ${KINDS.map((k) => k.name).join(", ")}`);
  if (f.detached) throw new TypeError("parfor.array.from: src's ArrayBuffer was detached");
  const Ctor = KINDS.find((k) => k.name === f.kind)!;
  const out = array(Ctor, f.length);
  out.set(src as unknown as ArrayLike<number>);
  return out as unknown as T;
}
array.from = arrayFrom;

/**
 * Releases an array made by `array`. The view must not be used afterwards (its memory is reused).
 * TypeError for anything else; Error for an array already freed.
 */
export function free(view: ArrayBufferView): void {
  const ptr = typeof view === "object" && view !== null ? owned.get(view) : undefined;
  if (ptr === undefined) throw new TypeError("parfor.free: view must be an array made by parfor.array");
  if (ptr === 0) throw new Error("parfor.free: this array was already freed");
  if (isPinned(ptr)) throw new Error("parfor.free: this array is in use by a kernel call that has not finished (await its .async promise first)");
  owned.set(view, 0);
  liveArrays--;
  removeArrayBlock(ptr, view);
  release(ptr);
}

/**
 * Ends every pool worker (after async calls in flight finish). Safe to call at any time; the next
 * call that needs workers starts a new pool.
 */
export async function shutdown(): Promise<void> {
  // A call may start between the idle promise resolving and this continuation running (the
  // caller did not await shutdown): wait again, so the pool is never retired under a call. The
  // check and the retirement run in one synchronous step.
  while (!asyncIdle()) await whenIdle();
  await shutdownPool();
}

/** What parfor holds right now (see `memoryUsage`). */
export interface MemoryUsage {
  /** bytes of the one shared WebAssembly.Memory (it grows, never shrinks) */
  readonly sharedMemoryBytes: number;
  /** bytes of it in use: arrays, kernel frames, copies of ordinary arrays during calls */
  readonly bytesInUse: number;
  /** arrays made by `array` and not freed */
  readonly liveArrays: number;
  /** compiled kernel specialisations loaded and not yet garbage-collected */
  readonly liveKernels: number;
  /** worker threads in the pool */
  readonly poolSize: number;
}

/** Shared memory size and use, live arrays and kernels, and the pool's size. */
export function memoryUsage(): MemoryUsage {
  const h = heapStats();
  return { sharedMemoryBytes: h.memoryBytes, bytesInUse: h.liveBytes, liveArrays, liveKernels: loadedKernels(), poolSize: poolSize() };
}

/**
 * The default thread count: PARFOR_NUM_THREADS when set (a positive integer up to the supported
 * maximum, else TypeError), otherwise the host's core count (os.availableParallelism() in Node, navigator.hardwareConcurrency in a browser).
 */
export function threads(): number {
  const env = host().env("PARFOR_NUM_THREADS");
  if (env === undefined) return host().cores();
  const s = env.trim();
  const v = /^[0-9]+$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(v) || v < 1 || v > MAX_WORKERS) {
    throw new TypeError(`parfor: PARFOR_NUM_THREADS must be an integer from 1 to ${MAX_WORKERS}, got ${JSON.stringify(env)}`);
  }
  return v;
}
