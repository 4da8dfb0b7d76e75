import { absolutePosition, formatPosition } from "./errors.js";
import { CHECK_LAYOUT as C } from "../compiler/artifact.js";
import { alloc, release } from "./memory.js";
const CHECK_CAPACITY = C.capacity;
const RACE_RECORD_FIELDS = C.recordFields;
const TABLE = C.tableByte / 4;
const COUNT = C.countByte / 4;
const EPOCH = C.epochByte / 4;
const MAX_EPOCH = 0xffff;
const WW = 0;
const RW = 1;
const WR = 2;
/** Thrown by a checked call whose prange iterations raced on the inputs it was given. */
export class ParforRaceError extends Error {
    races;
    truncated;
    name = "ParforRaceError";
    constructor(message, 
    /** every race found (one per element, in the order found), at most CHECK_CAPACITY */
    races, 
    /** true when more races were found than recorded */
    truncated) {
        super(message);
        this.races = races;
        this.truncated = truncated;
    }
}
/**
 * Shadow blocks kept between the calls of a kernel (by parameter), so a call does not allocate
 * and clear them again: earlier calls' words are of earlier epochs, which read as empty. Dropped
 * when the kernel is collected; kept only while all of them together stay under KEEP_BYTES.
 */
const kept = new WeakMap();
const keptLists = new Set();
let keptBytes = 0;
const KEEP_BYTES = 256 * 1024 * 1024;
const dropKept = new FinalizationRegistry((blocks) => {
    if (!keptLists.delete(blocks))
        return;
    for (const b of blocks) {
        if (b === undefined)
            continue;
        keptBytes -= b.bytes;
        release(b.ptr);
    }
});
function zero(memory, b) {
    new Uint8Array(memory.buffer, b.ptr, b.bytes).fill(0);
}
/** Points the shadow table at the state of a checked call of `meta` with the frame at `frame`, and resets the log. */
export function beginChecked(memory, ctl, meta, frame) {
    if (meta.params.length > C.maxParams)
        throw new RangeError(`parfor: checked mode supports at most ${C.maxParams} parameters`);
    const fv = new DataView(memory.buffer, frame, meta.frameSize);
    let blocks = kept.get(meta);
    const fresh = blocks === undefined;
    if (blocks === undefined)
        blocks = [];
    const temporary = [];
    const scalars = meta.checkedScalars?.length ?? 0;
    if (scalars > 0 && meta.params.length >= C.maxParams)
        throw new RangeError(`parfor: checked mode supports at most ${C.maxParams - 1} parameters with shared scalars`);
    // the table: one entry per parameter, then the shared scalars' block
    const place = (k, bytes) => {
        let b = blocks[k];
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
            }
            else
                temporary.push(b);
        }
        Atomics.store(ctl, TABLE + k, b.ptr);
    };
    meta.params.forEach((p, k) => {
        Atomics.store(ctl, TABLE + k, 0);
        // arrays no loop writes are not instrumented (compiler/lower/checked.ts)
        if (p.kind !== "array" || !p.written)
            return;
        place(k, Math.max(1, fv.getInt32(p.lengthOffset, true)) * C.elementBytes);
    });
    if (scalars > 0)
        place(meta.params.length, scalars * C.elementBytes);
    if (fresh && blocks.some((b) => b !== undefined)) {
        kept.set(meta, blocks);
        keptLists.add(blocks);
        dropKept.register(meta, blocks);
    }
    Atomics.store(ctl, COUNT, 0);
    return {
        error() {
            return raceError(memory, ctl, meta);
        },
        release() {
            for (let k = 0; k <= meta.params.length; k++)
                Atomics.store(ctl, TABLE + k, 0);
            for (const b of temporary)
                release(b.ptr);
        },
    };
}
/**
 * Before a prange of a checked kernel runs: a new epoch, so every shadow word of earlier pranges
 * (and calls) reads as empty without touching the state, and the prange's start and step. When
 * the 16-bit epoch wraps, all shadow state is cleared and counting starts again at 1.
 */
export function resetShadows(memory, ctl, meta, frame, start, step) {
    const f64 = new Float64Array(memory.buffer, C.startByte, 2);
    f64[0] = start;
    f64[1] = step;
    let epoch = Atomics.load(ctl, EPOCH) + 1;
    if (epoch > MAX_EPOCH || epoch < 1) {
        for (const list of keptLists)
            for (const b of list)
                if (b !== undefined)
                    zero(memory, b);
        // this call's blocks that are not kept
        const fv = new DataView(memory.buffer, frame, meta.frameSize);
        meta.params.forEach((p, k) => {
            const ptr = Atomics.load(ctl, TABLE + k) >>> 0;
            if (ptr === 0 || p.kind !== "array")
                return;
            zero(memory, { ptr, bytes: Math.max(1, fv.getInt32(p.lengthOffset, true)) * C.elementBytes });
        });
        const sp = Atomics.load(ctl, TABLE + meta.params.length) >>> 0;
        if (sp !== 0 && meta.checkedScalars?.length)
            zero(memory, { ptr: sp, bytes: meta.checkedScalars.length * C.elementBytes });
        epoch = 1;
    }
    Atomics.store(ctl, EPOCH, epoch);
}
const KIND = { [WW]: ["write", "write"], [RW]: ["read", "write"], [WR]: ["write", "read"] };
function access(meta, site, iteration, kind) {
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
function raceError(memory, ctl, meta) {
    const count = Atomics.load(ctl, COUNT);
    if (count === 0)
        return null;
    const f64 = new Float64Array(memory.buffer, C.recordsByte, CHECK_CAPACITY * RACE_RECORD_FIELDS);
    const seen = new Set();
    const races = [];
    for (let n = 0; n < Math.min(count, CHECK_CAPACITY); n++) {
        const r = f64.subarray(n * RACE_RECORD_FIELDS, (n + 1) * RACE_RECORD_FIELDS);
        const [kind, param, index, itA, siteA, itB, siteB] = Array.from(r);
        const scalar = param === meta.params.length;
        const name = scalar ? (meta.checkedScalars?.[index] ?? `#${index}`) : (meta.params[param]?.name ?? `#${param}`);
        const key = `${param}:${index}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        const [ka, kb] = KIND[kind];
        races.push({ array: name, index: scalar ? null : index, first: access(meta, siteA, itA, ka), second: access(meta, siteB, itB, kb) });
    }
    const truncated = count > CHECK_CAPACITY;
    const shown = races
        .slice(0, 5)
        .map((r) => `  '${r.array}'${r.index === null ? "" : `[${r.index}]`}: ${r.first.access} by iteration ${r.first.iteration} at ${r.first.position}, ${r.second.access} by iteration ${r.second.iteration} at ${r.second.position}`);
    const more = races.length > 5 || truncated ? `\n  ... ${truncated ? "more than " : ""}${races.length} elements in all (see .races)` : "";
    return new ParforRaceError(`parfor: kernel '${meta.name}' raced in checked mode: ${races.length === 1 ? `two iterations of a prange touched ${races[0].index === null ? "one shared scalar" : "one element"}` : `iterations of a prange touched ${races.length} ${races.some((r) => r.index === null) ? "elements and shared scalars" : "elements"}`}, at least one writing:\n${shown.join("\n")}${more}`, races, truncated);
}
