/**
 * Errors raised while a kernel runs: source positions, the out-of-bounds message, wrapping of wasm
 * traps, and the plain-data form in which a worker hands an error to the main thread.
 */
import { controlView, ERROR_RECORD_BYTE, ERROR_RECORD_BYTES } from "./control.js";
import { Wasm } from "./wasm.js";
/** A kernel-relative position made absolute: through the source map where it was mapped, else from the origin. */
export function absolutePosition(o, line, column) {
    const m = o.mapped?.[`${line}:${column}`];
    if (m !== undefined)
        return { file: m[0], line: m[1], column: m[2] };
    return { ...(o.file !== undefined ? { file: o.file } : {}), line: o.line + line - 1, column: line === 1 ? o.column + column - 1 : column };
}
/**
 * Formats a kernel-relative position (line 1 = the line the function text starts on) as an
 * absolute one: `file.ts:12:7` (the original file where the compiled one has a source map), or
 * `kernel <name> line 12:7` when the file is unknown.
 */
export function formatPosition(meta, line, column) {
    const p = absolutePosition(meta.origin, line, column);
    return p.file !== undefined ? `${p.file}:${p.line}:${p.column}` : `kernel ${meta.name} line ${p.line}:${p.column}`;
}
/**
 * The RangeError of env.oob: `parfor: index 10 is out of bounds for array 'a' (length 10) at f.ts:12:7`.
 * `length` is read by the caller from the running call's frame.
 */
export function outOfBoundsError(meta, site, index, length) {
    const s = meta.sites[site];
    if (s === undefined)
        return new RangeError(`parfor: index ${index} is out of bounds (unknown access site ${site})`);
    return new RangeError(`parfor: index ${index} is out of bounds for array '${s.array}'` +
        (length === undefined ? "" : ` (length ${length})`) +
        ` at ${formatPosition(meta, s.line, s.column)}`);
}
/**
 * A wasm trap (Wasm.RuntimeError) becomes an Error naming the kernel and the source
 * location (the prange loop it happened in, else the kernel itself); other errors pass through.
 */
export function wrapTrap(e, meta, loop) {
    if (!(e instanceof Wasm.RuntimeError))
        return e;
    const info = loop === undefined ? undefined : meta.loops[loop];
    const where = info !== undefined
        ? `in the prange loop at ${formatPosition(meta, info.line, info.column)}`
        : `at ${formatPosition(meta, 1, 1)}`;
    return new Error(`parfor: kernel '${meta.name}' trapped ${where}: ${e.message}`, { cause: e });
}
/** The plain-data form of `e` (wrap traps first). */
export function serializeError(e) {
    if (e instanceof RangeError)
        return { kind: "error", cls: "RangeError", message: e.message, stack: e.stack };
    if (e instanceof TypeError)
        return { kind: "error", cls: "TypeError", message: e.message, stack: e.stack };
    if (e instanceof Error)
        return { kind: "error", cls: "Error", message: e.message, stack: e.stack };
    return { kind: "error", cls: "Error", message: `parfor: a kernel thread threw a non-Error value: ${String(e)}` };
}
/** Rebuilds an error of the same class and message in the calling thread. */
export function deserializeError(s) {
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
export function writeErrorRecord(memory, source, s) {
    const room = ERROR_RECORD_BYTES - 8;
    let bytes = new TextEncoder().encode(JSON.stringify(s));
    if (bytes.length > room)
        bytes = new TextEncoder().encode(JSON.stringify({ ...s, stack: undefined, message: s.message.slice(0, room / 4) }));
    // TextEncoder cannot write into a shared buffer: copy
    new Uint8Array(memory.buffer, ERROR_RECORD_BYTE + 8, bytes.length).set(bytes);
    const ctl = controlView(memory);
    Atomics.store(ctl, HEAD + 1, bytes.length);
    Atomics.store(ctl, HEAD, source);
}
/** The error record of thread `source`, rebuilt with its class, or undefined when there is none. */
export function readErrorRecord(memory, source) {
    const ctl = controlView(memory);
    if (Atomics.load(ctl, HEAD) !== source)
        return undefined;
    const n = Atomics.load(ctl, HEAD + 1);
    if (n <= 0 || n > ERROR_RECORD_BYTES - 8)
        return undefined;
    try {
        // TextDecoder refuses views on shared memory: copy first
        const text = new TextDecoder().decode(new Uint8Array(memory.buffer, ERROR_RECORD_BYTE + 8, n).slice());
        return deserializeError(JSON.parse(text));
    }
    catch {
        return undefined;
    }
}
/** Forgets the error record (before a call starts). */
export function clearErrorRecord(memory) {
    const ctl = controlView(memory);
    if (Atomics.load(ctl, HEAD) !== 0)
        Atomics.store(ctl, HEAD, 0);
}
