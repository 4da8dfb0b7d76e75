/**
 * Errors raised while a kernel runs: source positions, the out-of-bounds message, wrapping of wasm
 * traps, and the plain-data form in which a worker hands an error to the main thread.
 */

import type { CompiledKernel } from "../compiler/artifact.js";
import { controlView, ERROR_RECORD_BYTE, ERROR_RECORD_BYTES } from "./control.js";
import { Wasm, type WasmMemory } from "./wasm.js";

/** Where a kernel's source text starts: 1-based line and column, and its file when known. */
export interface SourceOrigin {
  readonly file?: string;
  readonly line: number;
  readonly column: number;
  /**
   * positions through the file's source map (runtime/source-map.ts), by kernel-relative
   * `line:column` (the access sites, the loops and 1:1): the original file, line and column
   */
  readonly mapped?: Readonly<Record<string, readonly [string, number, number]>>;
}

/** A kernel-relative position made absolute: through the source map where it was mapped, else from the origin. */
export function absolutePosition(o: SourceOrigin, line: number, column: number): { readonly file?: string; readonly line: number; readonly column: number } {
  const m = o.mapped?.[`${line}:${column}`];
  if (m !== undefined) return { file: m[0], line: m[1], column: m[2] };
  return { ...(o.file !== undefined ? { file: o.file } : {}), line: o.line + line - 1, column: line === 1 ? o.column + column - 1 : column };
}

/**
 * What every thread knows about a kernel besides its module: the artifact without the wasm bytes,
 * plus the kernel's name, its source origin and the id the runtime gave it. Plain data, so it can
 * be posted to workers.
 */
export interface KernelMeta {
  readonly id: number;
  readonly name: string;
  readonly origin: SourceOrigin;
  readonly frameSize: number;
  readonly params: CompiledKernel["params"];
  readonly loops: CompiledKernel["loops"];
  readonly sites: CompiledKernel["sites"];
  readonly returns: CompiledKernel["returns"];
  readonly returnArray?: CompiledKernel["returnArray"];
  readonly mathImports: CompiledKernel["mathImports"];
  /** compiled for checked mode (race-check.ts) */
  readonly checked?: boolean;
  /** checked mode: the shared scalars with shadow words (CompiledKernel.checkedScalars) */
  readonly checkedScalars?: readonly string[];
}

/**
 * Formats a kernel-relative position (line 1 = the line the function text starts on) as an
 * absolute one: `file.ts:12:7` (the original file where the compiled one has a source map), or
 * `kernel <name> line 12:7` when the file is unknown.
 */
export function formatPosition(meta: KernelMeta, line: number, column: number): string {
  const p = absolutePosition(meta.origin, line, column);
  return p.file !== undefined ? `${p.file}:${p.line}:${p.column}` : `kernel ${meta.name} line ${p.line}:${p.column}`;
}

/**
 * The RangeError of env.oob: `parfor: index 10 is out of bounds for array 'a' (length 10) at f.ts:12:7`.
 * `length` is read by the caller from the running call's frame.
 */
export function outOfBoundsError(meta: KernelMeta, site: number, index: number, length: number | undefined): RangeError {
  const s = meta.sites[site];
  if (s === undefined) return new RangeError(`parfor: index ${index} is out of bounds (unknown access site ${site})`);
  return new RangeError(
    `parfor: index ${index} is out of bounds for array '${s.array}'` +
      (length === undefined ? "" : ` (length ${length})`) +
      ` at ${formatPosition(meta, s.line, s.column)}`,
  );
}

/**
 * A wasm trap (Wasm.RuntimeError) becomes an Error naming the kernel and the source
 * location (the prange loop it happened in, else the kernel itself); other errors pass through.
 */
export function wrapTrap(e: unknown, meta: KernelMeta, loop: number | undefined): unknown {
  if (!(e instanceof Wasm.RuntimeError)) return e;
  const info = loop === undefined ? undefined : meta.loops[loop];
  const where =
    info !== undefined
      ? `in the prange loop at ${formatPosition(meta, info.line, info.column)}`
      : `at ${formatPosition(meta, 1, 1)}`;
  return new Error(`parfor: kernel '${meta.name}' trapped ${where}: ${e.message}`, { cause: e });
}

/** An error as a worker posts it: the class to rebuild and the message. */
export interface SerializedError {
  readonly kind: "error";
  readonly cls: "Error" | "RangeError" | "TypeError";
  readonly message: string;
  readonly stack?: string;
}

/** The plain-data form of `e` (wrap traps first). */
export function serializeError(e: unknown): SerializedError {
  if (e instanceof RangeError) return { kind: "error", cls: "RangeError", message: e.message, stack: e.stack };
  if (e instanceof TypeError) return { kind: "error", cls: "TypeError", message: e.message, stack: e.stack };
  if (e instanceof Error) return { kind: "error", cls: "Error", message: e.message, stack: e.stack };
  return { kind: "error", cls: "Error", message: `parfor: a kernel thread threw a non-Error value: ${String(e)}` };
}

/** Rebuilds an error of the same class and message in the calling thread. */
export function deserializeError(s: SerializedError): Error {
  const e = s.cls === "RangeError" ? new RangeError(s.message) : s.cls === "TypeError" ? new TypeError(s.message) : new Error(s.message);
  if (s.stack !== undefined) {
    // Keep this thread's stack (where the call was made) and append the worker's for debugging.
    e.stack = `${e.stack ?? ""}\n    --- in a parfor worker thread ---\n${s.stack.split("\n").slice(1).join("\n")}`;
  }
  return e;
}

/**
 * Thrown by prange on a worker acting as leader when another thread failed: it unwinds the
 * kernel's main, and the main thread then reports the original error (from ERROR's source).
 */
export class PeerFailure extends Error {
  constructor() {
    super("parfor internal: another thread failed");
  }
}

/** Int32 index of the error record's header in the control block. */
const HEAD = ERROR_RECORD_BYTE / 4;

/**
 * Writes `s` as the error record of thread `source` (control.ts ERROR_RECORD_BYTE), cut to fit.
 * Only the thread whose ERROR value won writes it, once per failed call; it precedes the
 * thread's release store (DONE, ACK or ASYNC_STATE), which the reader acquires.
 */
export function writeErrorRecord(memory: WasmMemory, source: number, s: SerializedError): void {
  const room = ERROR_RECORD_BYTES - 8;
  let bytes = new TextEncoder().encode(JSON.stringify(s));
  if (bytes.length > room) bytes = new TextEncoder().encode(JSON.stringify({ ...s, stack: undefined, message: s.message.slice(0, room / 4) }));
  // TextEncoder cannot write into a shared buffer: copy
  new Uint8Array(memory.buffer, ERROR_RECORD_BYTE + 8, bytes.length).set(bytes);
  const ctl = controlView(memory);
  Atomics.store(ctl, HEAD + 1, bytes.length);
  Atomics.store(ctl, HEAD, source);
}

/** The error record of thread `source`, rebuilt with its class, or undefined when there is none. */
export function readErrorRecord(memory: WasmMemory, source: number): Error | undefined {
  const ctl = controlView(memory);
  if (Atomics.load(ctl, HEAD) !== source) return undefined;
  const n = Atomics.load(ctl, HEAD + 1);
  if (n <= 0 || n > ERROR_RECORD_BYTES - 8) return undefined;
  try {
    // TextDecoder refuses views on shared memory: copy first
    const text = new TextDecoder().decode(new Uint8Array(memory.buffer, ERROR_RECORD_BYTE + 8, n).slice());
    return deserializeError(JSON.parse(text) as SerializedError);
  } catch {
    return undefined;
  }
}

/** Forgets the error record (before a call starts). */
export function clearErrorRecord(memory: WasmMemory): void {
  const ctl = controlView(memory);
  if (Atomics.load(ctl, HEAD) !== 0) Atomics.store(ctl, HEAD, 0);
}
