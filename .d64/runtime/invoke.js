/**
 * Loading and calling compiled kernels: `load` compiles the module once; `invoke` runs a call on
 * the calling thread (it leads, workers help); `invokeAsync` runs it on worker 0 as leader so the
 * event loop is never blocked. All calls go through one execution lock, because kernels share the
 * control block, and a kernel's frame is reused by each of its calls.
 */
import { ASYNC_FAILED, ASYNC_IDLE, ASYNC_OK, ASYNC_RUNNING, ASYNC_STATE, CALL_CHUNK_SIZE, CALL_FRAME, CALL_KERNEL, CALL_SCHEDULE, CALL_SCRATCH, CALL_SCRATCH_BYTES, CALL_SPIN, CALL_THREADS, controlView, DONE, ERROR, FRAME, GENERATION, JOB_KIND, JOB_MAIN, MAILBOX, MAX_WORKERS, READY, RESULT_BYTE, SCHED_DYNAMIC, SCHED_GUIDED, SCHED_STATIC, SOURCE_MAIN, errorSource, STATE, WORKER_DEAD, workerField, } from "./control.js";
import { allIdle, awaitIdle, inlineLoopAt, maxChunksFor, withLeader } from "./dispatch.js";
import { wrapTrap } from "./errors.js";
import { kernelImports } from "./imports.js";
import { marshal, pinArgs } from "./marshal.js";
import { beginChecked } from "./race-check.js";
import { formatMessage } from "../compiler/diagnostics/messages.js";
import { alloc, release, sharedMemory } from "./memory.js";
import { discardWorkerErrors, dropKernel, ensureWorkers, sendKernel, spinAllowed, takeWorkerError, workerCause, workerGone, workerReady, } from "./pool.js";
import { blockWait, warn } from "./platform.js";
import { Wasm, waitAsync } from "./wasm.js";
import { scratchBytesFor } from "./partials.js";
/** Most threads a call may use (the control block has MAX_WORKERS worker slots). */
export const MAX_THREADS = MAX_WORKERS;
const states = new WeakMap();
let nextId = 1;
/** Frames of loaded kernels by id, released when the kernel's handle is garbage-collected. */
const frames = new Map();
let liveKernels = 0;
/**
 * A kernel nobody can call any more (its handle collected) gives back its frame and tells the
 * workers to drop their instance; its module goes with the handle. No call can be running: a call
 * holds the handle.
 */
const collected = new FinalizationRegistry((id) => {
    liveKernels--;
    const frame = frames.get(id);
    if (frame !== undefined) {
        frames.delete(id);
        release(frame);
    }
    dropKernel(id);
});
/** Kernels loaded and not yet collected. */
export function loadedKernels() {
    return liveKernels;
}
/** Kernels (by id) already warned about copy costs (PF4001). */
const copyWarned = new Set();
/** Copies below this size are never worth a warning (timings of tiny calls are noise). */
const COPY_WARN_BYTES = 1 << 20;
/**
 * PF4001 once per kernel: when copies of ordinary arrays took more than a third of a call.
 * `copyMs` is the time of copying in and back, `totalMs` the whole call.
 */
function noteCopyCost(k, m, copyMs, totalMs, settings) {
    if (m.copiedBytes < COPY_WARN_BYTES || copyMs * 3 <= totalMs || copyWarned.has(k.id) || settings.warnings === false)
        return;
    copyWarned.add(k.id);
    const pct = Math.round((100 * copyMs) / totalMs);
    warn(formatMessage("PF4001", [k.meta.name, pct, copyMs.toFixed(1), totalMs.toFixed(1), m.describeCopies()]), "ParforPerformanceWarning", "PF4001");
}
/** Depth of synchronous calls running on this thread (a user callback may call a kernel). */
let depth = 0;
/**
 * Whether a compiled call is running on this thread right now: a kernel called from inside
 * one (from a Math function the user replaced, a getter) must not use the control block or its
 * frame, which the running call owns; parallel() then runs the plain function.
 */
export function callInProgress() {
    return depth > 0;
}
/** Compiles `kernel`'s module (once) and returns the handle `invoke`/`invokeAsync` take. */
export function load(kernel, meta) {
    const module = new Wasm.Module(kernel.wasm);
    const km = {
        id: nextId++,
        name: meta.name,
        origin: { ...meta.origin },
        frameSize: kernel.frameSize,
        params: kernel.params,
        loops: kernel.loops,
        sites: kernel.sites,
        returns: kernel.returns,
        ...(kernel.returnArray ? { returnArray: kernel.returnArray } : {}),
        mathImports: kernel.mathImports,
        ...(kernel.checked ? { checked: true } : {}),
        ...(kernel.checkedScalars ? { checkedScalars: kernel.checkedScalars } : {}),
    };
    const k = Object.freeze({ id: km.id, meta: km, module });
    states.set(k, {});
    liveKernels++;
    collected.register(k, km.id);
    return k;
}
function stateOf(k) {
    let s = states.get(k);
    if (s === undefined)
        states.set(k, (s = {}));
    return s;
}
function mainExports(k) {
    const s = stateOf(k);
    if (s.exports === undefined) {
        const memory = sharedMemory();
        const inst = new Wasm.Instance(k.module, kernelImports(memory, controlView(memory), k.meta));
        s.exports = inst.exports;
    }
    return s.exports;
}
function frameOf(k) {
    const s = stateOf(k);
    if (s.frame === undefined) {
        s.frame = alloc(Math.max(16, k.meta.frameSize), 16);
        frames.set(k.id, s.frame);
    }
    return s.frame;
}
/** The control block's SCHEDULE value of `settings`. */
function scheduleCode(settings) {
    return settings.schedule === "static" ? SCHED_STATIC : settings.schedule === "dynamic" ? SCHED_DYNAMIC : SCHED_GUIDED;
}
function checkThreads(threads) {
    if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
        throw new RangeError(`parfor: threads must be an integer from 1 to ${MAX_THREADS}, got ${threads}`);
    }
}
/**
 * The typed array a kernel returned (main's result is its base; the frame holds its length): the
 * argument whose frame slot holds that base and length (the very object passed, so identity is
 * the plain function's; an ordinary array's contents are copied back as for any written
 * argument), else a copy of the kernel's own array, an ordinary typed array the caller owns. The
 * copy is made before anything else runs on this thread's arena, which still holds the array.
 */
function arrayResult(meta, base, args, frame) {
    const ra = meta.returnArray;
    if (ra === undefined)
        throw new Error(`parfor internal error: kernel ${meta.name} returns an array of no kind`);
    const words = new Int32Array(sharedMemory().buffer);
    const len = words[(frame + ra.lengthOffset) >> 2] >>> 0;
    for (let i = 0; i < meta.params.length; i++) {
        const p = meta.params[i];
        if (p.kind !== "array" || p.array !== ra.kind)
            continue;
        if (words[(frame + p.offset) >> 2] >>> 0 === base && words[(frame + p.lengthOffset) >> 2] >>> 0 === len)
            return args[i];
    }
    const C = globalThis[ra.kind];
    const out = new C(len);
    out.set(new C(sharedMemory().buffer, base, len));
    return out;
}
function convertResult(k, r, args, frame) {
    switch (k.meta.returns) {
        case "array":
            return arrayResult(k.meta, r >>> 0, args, frame);
        case "void":
            return undefined;
        case "bool":
            return r !== 0;
        case "i32":
            return r | 0;
        case "f64":
            return r;
    }
}
/**
 * Runs a call synchronously on the calling thread, which leads and takes a share of every prange
 * (with `settings.threads - 1` pool workers). `args` are already validated against the params.
 * Waits first for any async calls in flight or queued (they were issued earlier).
 */
export function invoke(k, args, settings) {
    checkThreads(settings.threads);
    if (depth > 0)
        throw new Error(`parfor: kernel '${k.meta.name}' was called while a compiled call runs on this thread (re-entrant call)`);
    depth++;
    try {
        drainAsync();
        return invokeNow(k, args, settings);
    }
    finally {
        depth--;
        // async calls issued from inside this call (a callback) start now
        if (queue.length > 0)
            pump();
    }
}
function invokeNow(k, args, settings) {
    const T = settings.threads;
    if (T > 1) {
        ensureWorkers(T - 1);
        sendKernel(T - 1, k.meta, k.module);
        discardWorkerErrors();
    }
    const memory = sharedMemory();
    const ctl = controlView(memory);
    const exports = mainExports(k);
    const main = exports["main"];
    if (main === undefined)
        throw new Error(`parfor internal error: kernel ${k.meta.name} does not export main`);
    const frame = frameOf(k);
    const t0 = performance.now();
    const m = marshal(k.meta, frame, args);
    const t1 = m.copiedBytes > 0 ? performance.now() : t0;
    let t2 = t1;
    let checked = null;
    let raced = null;
    let ran = false;
    try {
        if (k.meta.checked)
            checked = beginChecked(memory, ctl, k.meta, frame);
        Atomics.store(ctl, FRAME, frame);
        Atomics.store(ctl, ERROR, 0);
        const L = {
            memory,
            ctl,
            meta: k.meta,
            exports,
            threads: T,
            firstWorker: 0,
            schedule: scheduleCode(settings),
            chunkSize: settings.chunkSize,
            spin: spinAllowed(T),
            selfSource: SOURCE_MAIN,
            acquirePartials: (bytes) => alloc(bytes, 16),
            releasePartials: release,
            failure: takeWorkerError,
        };
        let r;
        try {
            r = withLeader(L, () => main(frame));
        }
        catch (e) {
            throw wrapTrap(e, k.meta, inlineLoopAt(memory, k.meta, frame));
        }
        ran = true;
        if (m.copiedBytes > 0)
            t2 = performance.now();
        raced = checked?.error() ?? null;
        if (raced === null)
            return convertResult(k, r, args, frame);
    }
    finally {
        checked?.release();
        m.finish(ran);
        if (m.copiedBytes > 0 && t2 !== t1) {
            const t3 = performance.now();
            noteCopyCost(k, m, t1 - t0 + (t3 - t2), t3 - t0, settings);
        }
    }
    // the call ran to its end (arrays copied back, as the plain function leaves them); its iterations raced
    throw raced;
}
const queue = [];
let running = null;
/** A ref'd timer held while an async call runs: the caller awaits it, so the process must stay up. */
let keepAlive = null;
const idleWaiters = [];
const WAIT_SLICE_MS = 100;
/**
 * Runs a call on the pool without blocking the event loop: worker 0 leads it with up to
 * `settings.threads - 1` helpers; completion is observed with Atomics.waitAsync. Calls queue
 * behind each other in issue order.
 */
export function invokeAsync(k, args, settings) {
    return new Promise((resolve, reject) => {
        checkThreads(settings.threads);
        // the parfor arrays it uses cannot be freed from now until it settles
        const unpin = pinArgs(args);
        const settle = (f) => (v) => {
            unpin();
            f(v);
        };
        queue.push({ k, args: [...args], settings, resolve: settle(resolve), reject: settle(reject), scratch: 0, launched: false, leaderDead: false, done: false });
        pump();
    });
}
/** Whether no async call runs or waits. */
export function asyncIdle() {
    return running === null && queue.length === 0;
}
/** Starts the next queued async call when none runs (and no sync call is on the stack). */
function pump() {
    while (running === null && queue.length > 0 && depth === 0) {
        const c = queue.shift();
        try {
            prepare(c);
        }
        catch (e) {
            abandon(c, e);
            continue;
        }
        if (keepAlive === null)
            keepAlive = setInterval(() => { }, 1 << 30);
        whenLeaderReady(c);
    }
    if (running === null && queue.length === 0) {
        if (keepAlive !== null)
            clearInterval(keepAlive);
        keepAlive = null;
        for (const f of idleWaiters.splice(0))
            f();
    }
}
/** Makes `c` the running call: workers started (not waited for) and sent its module. */
function prepare(c) {
    const T = c.settings.threads;
    ensureWorkers(T);
    sendKernel(T, c.k.meta, c.k.module);
    running = c;
}
/** Ends the running call `c` before it ran: it rejects with `e`. */
function abandon(c, e) {
    running = null;
    c.done = true;
    c.reject(e);
}
/** Why worker 0 could not lead an async call. */
function leaderBootError() {
    return new Error(`parfor: worker thread 0, which leads async calls, failed to start: ${workerCause(0)}`);
}
/** Launches `c` once worker 0, its leader, is ready (waiting without blocking); fails it if worker 0 died first. */
function whenLeaderReady(c) {
    const ctl = controlView(sharedMemory());
    if (workerReady(ctl, 0)) {
        try {
            launch(c);
        }
        catch (e) {
            abandon(c, e);
            pump();
            return;
        }
        watch(c);
        return;
    }
    if (leaderDied(ctl)) {
        void workerGone(0).then(() => {
            abandon(c, leaderBootError());
            pump();
        });
        return;
    }
    const r = waitAsync(ctl, READY, Atomics.load(ctl, READY), WAIT_SLICE_MS);
    if (r.async)
        void r.value.then(() => whenLeaderReady(c));
    else
        queueMicrotask(() => whenLeaderReady(c));
}
/** Copies the arguments in and hands the call to worker 0. */
function launch(c) {
    const { k, settings } = c;
    const T = settings.threads;
    discardWorkerErrors();
    const memory = sharedMemory();
    const ctl = controlView(memory);
    const frame = frameOf(k);
    const maxChunks = maxChunksFor(scheduleCode(settings));
    const t0 = performance.now();
    const m = marshal(k.meta, frame, c.args);
    const t1 = performance.now();
    let scratchBytes = 0;
    try {
        // after marshal: reduced arrays' private copies are sized by the lengths in the frame
        scratchBytes = scratchBytesFor(k.meta, new DataView(memory.buffer, frame, k.meta.frameSize), maxChunks);
        c.scratch = scratchBytes > 0 ? alloc(scratchBytes, 16) : 0;
    }
    catch (e) {
        m.finish(false);
        throw e;
    }
    let checked = null;
    try {
        if (k.meta.checked)
            checked = beginChecked(memory, ctl, k.meta, frame);
    }
    catch (e) {
        m.finish(false);
        if (c.scratch !== 0)
            release(c.scratch);
        throw e;
    }
    c.finish = (ok) => {
        const t2 = performance.now();
        if (ok)
            c.raced = checked?.error() ?? null;
        checked?.release();
        m.finish(ok);
        if (c.scratch !== 0)
            release(c.scratch);
        if (ok && m.copiedBytes > 0) {
            const t3 = performance.now();
            noteCopyCost(k, m, t1 - t0 + (t3 - t2), t3 - t0, settings);
        }
    };
    Atomics.store(ctl, CALL_KERNEL, k.id);
    Atomics.store(ctl, CALL_FRAME, frame);
    Atomics.store(ctl, CALL_THREADS, T);
    Atomics.store(ctl, CALL_SCHEDULE, scheduleCode(settings));
    Atomics.store(ctl, CALL_CHUNK_SIZE, settings.chunkSize);
    Atomics.store(ctl, CALL_SCRATCH, c.scratch);
    Atomics.store(ctl, CALL_SCRATCH_BYTES, scratchBytes);
    Atomics.store(ctl, CALL_SPIN, spinAllowed(T) ? 1 : 0);
    Atomics.store(ctl, ERROR, 0);
    Atomics.store(ctl, ASYNC_STATE, ASYNC_RUNNING);
    c.launched = true;
    // Release edge (1) for worker 0: the call fields, frame and copied arrays precede this store.
    const gen = (Atomics.add(ctl, GENERATION, 1) + 1) | 0;
    Atomics.store(ctl, workerField(0, JOB_KIND), JOB_MAIN);
    Atomics.store(ctl, workerField(0, MAILBOX), gen);
    Atomics.notify(ctl, workerField(0, MAILBOX), 1);
}
/** The helpers an async call of `c` may have used: workers 1..T-1. */
function helpersOf(c) {
    return Array.from({ length: Math.max(0, c.settings.threads - 1) }, (_, i) => i + 1);
}
/** Waits (without blocking) for ASYNC_STATE to leave RUNNING, in bounded slices. */
function watch(c) {
    const ctl = controlView(sharedMemory());
    const r = c.leaderDead ? waitAsync(ctl, DONE, Atomics.load(ctl, DONE), 20) : waitAsync(ctl, ASYNC_STATE, ASYNC_RUNNING, WAIT_SLICE_MS);
    if (r.async)
        void r.value.then(() => poll(c));
    else
        queueMicrotask(() => poll(c));
}
function poll(c) {
    if (c.done)
        return;
    const ctl = controlView(sharedMemory());
    if (!c.leaderDead && Atomics.load(ctl, ASYNC_STATE) === ASYNC_RUNNING) {
        if (!leaderDied(ctl))
            return watch(c);
        // The leader is gone but its helpers may still be in a chunk: stop them, wait for them.
        c.leaderDead = true;
        Atomics.compareExchange(ctl, ERROR, 0, errorSource(0));
    }
    if (c.leaderDead && !allIdle(ctl, helpersOf(c)))
        return watch(c);
    if (c.leaderDead) {
        void workerGone(0, 100).then(() => {
            complete(c);
            pump();
        });
        return;
    }
    complete(c);
    pump();
}
function leaderDied(ctl) {
    return Atomics.load(ctl, workerField(0, STATE)) === WORKER_DEAD;
}
/** Finishes the running async call: result or error, copy-back, releases; settles its promise. */
function complete(c) {
    c.done = true;
    running = null;
    const memory = sharedMemory();
    const ctl = controlView(memory);
    const state = Atomics.load(ctl, ASYNC_STATE);
    let error = undefined;
    let result;
    try {
        if (state === ASYNC_OK) {
            // Acquire edge (3): ASYNC_STATE was loaded above, so RESULT and the arrays are complete.
            result = convertResult(c.k, new Float64Array(memory.buffer, RESULT_BYTE, 1)[0], c.args, frameOf(c.k));
        }
        else if (state === ASYNC_FAILED) {
            const src = Atomics.load(ctl, ERROR);
            error = src === 0 ? new Error("parfor internal error: async call failed without an error source") : takeWorkerError(src);
        }
        else {
            error = new Error(`parfor: worker thread 0 died during an async call to kernel '${c.k.meta.name}' (${workerCause(0)}); ` +
                `the call was stopped and the pool is replaced for the next call`);
        }
    }
    finally {
        Atomics.store(ctl, ASYNC_STATE, ASYNC_IDLE);
        try {
            c.finish?.(state === ASYNC_OK);
        }
        catch (e) {
            error ??= e;
        }
        if (error === undefined && c.raced)
            error = c.raced;
    }
    if (error !== undefined)
        c.reject(error);
    else
        c.resolve(result);
}
/**
 * Blocks until every async call issued so far has finished, settling their promises: a sync call
 * must not touch the control block while worker 0 leads, and it was issued after them.
 */
function drainAsync() {
    if (running === null && queue.length === 0)
        return;
    const ctl = controlView(sharedMemory());
    for (;;) {
        if (running === null) {
            const next = queue.shift();
            if (next === undefined)
                break;
            try {
                prepare(next);
            }
            catch (e) {
                abandon(next, e);
                continue;
            }
        }
        const c = running;
        if (!c.launched) {
            // worker 0 is still starting: wait for it here (this call blocks anyway)
            for (;;) {
                if (workerReady(ctl, 0) || leaderDied(ctl))
                    break;
                blockWait(ctl, READY, Atomics.load(ctl, READY), 20);
            }
            if (leaderDied(ctl)) {
                abandon(c, leaderBootError());
                continue;
            }
            try {
                launch(c);
            }
            catch (e) {
                abandon(c, e);
                continue;
            }
        }
        while (Atomics.load(ctl, ASYNC_STATE) === ASYNC_RUNNING && !leaderDied(ctl)) {
            blockWait(ctl, ASYNC_STATE, ASYNC_RUNNING, WAIT_SLICE_MS);
        }
        if (Atomics.load(ctl, ASYNC_STATE) === ASYNC_RUNNING) {
            Atomics.compareExchange(ctl, ERROR, 0, errorSource(0));
            awaitIdle(ctl, helpersOf(c));
        }
        complete(c);
    }
    pump();
}
/** Resolves once no async call is running or queued (used by shutdown). */
export function whenIdle() {
    if (running === null && queue.length === 0)
        return Promise.resolve();
    return new Promise((resolve) => idleWaiters.push(resolve));
}
