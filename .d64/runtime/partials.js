import { formatMessage } from "../compiler/diagnostics/messages.js";
import { formatPosition } from "./errors.js";
/** Most bytes of private array copies a prange's chunks may hold together. */
export const PRIVATE_COPY_BYTES = 64 * 1024 * 1024;
const warned = new Set();
/** Bytes of private copies per chunk for the arrays' current lengths (in the frame). */
export function arrayCopyBytes(meta, info, frame) {
    let bytes = 0;
    for (const a of info.arrayPartials ?? []) {
        if (a.lengthOffset !== undefined) {
            bytes += (frame.getInt32(a.lengthOffset, true) * a.elementBytes + 7) & ~7;
            continue;
        }
        const p = meta.params[a.param];
        if (p === undefined || p.kind !== "array")
            throw new Error(`parfor internal error: loop ${info.id} reduces parameter ${a.param}, which is not an array`);
        bytes += (frame.getInt32(p.lengthOffset, true) * a.elementBytes + 7) & ~7;
    }
    return bytes;
}
/**
 * The chunking and partial layout of one run of loop `info` over `count` iterations (the frame at
 * `frame`) on `threads` threads. A loop whose array reductions are exact (LoopInfo.exactArrays)
 * gives the same bits for any chunks: it takes one chunk per thread, and on one thread updates the
 * arrays in place (no copies, no fold).
 */
export function planPartials(meta, info, memory, frame, count, chunk, threads = 0) {
    const fixed = info.partialBytes ?? info.reductions * 8;
    const chunks = Math.ceil(count / chunk);
    if (info.arrayPartials === undefined || info.arrayPartials.length === 0)
        return { stride: fixed, chunk, chunks, inPlace: false };
    if (info.exactArrays === true && threads === 1)
        return { stride: fixed, chunk: count, chunks: 1, inPlace: true };
    const copies = arrayCopyBytes(meta, info, new DataView(memory.buffer, frame, meta.frameSize));
    if (copies === 0)
        return { stride: fixed, chunk, chunks, inPlace: false };
    const most = Math.floor(PRIVATE_COPY_BYTES / copies);
    if (info.exactArrays === true && threads > 1 && threads <= most) {
        const c = Math.ceil(count / Math.min(threads, count));
        return { stride: fixed + copies, chunk: c, chunks: Math.ceil(count / c), inPlace: false };
    }
    if (most >= 2) {
        if (chunks <= most)
            return { stride: fixed + copies, chunk, chunks, inPlace: false };
        const c = Math.max(chunk, Math.ceil(count / most));
        return { stride: fixed + copies, chunk: c, chunks: Math.ceil(count / c), inPlace: false };
    }
    const key = `${meta.id}:${info.id}`;
    if (!warned.has(key) && typeof process !== "undefined" && typeof process.emitWarning === "function") {
        warned.add(key);
        process.emitWarning(formatMessage("PF4002", [meta.name, formatPosition(meta, info.line, info.column), copies, PRIVATE_COPY_BYTES]), { type: "ParforWarning", code: "PF4002" });
    }
    return { stride: fixed, chunk: count, chunks: 1, inPlace: true };
}
/**
 * Room for the partial blocks of any prange of a call whose arguments are in `frame`, for a
 * thread that cannot allocate (the leader of an async call): the most any loop's plan can take.
 */
export function scratchBytesFor(meta, frame, maxChunks) {
    let most = 0;
    for (const info of meta.loops) {
        const fixed = info.partialBytes ?? info.reductions * 8;
        const copies = arrayCopyBytes(meta, info, frame);
        const fit = copies === 0 ? maxChunks : Math.floor(PRIVATE_COPY_BYTES / copies);
        most = Math.max(most, fit >= 2 ? Math.min(maxChunks, fit) * (fixed + copies) : fixed);
    }
    return most;
}
