/**
 * The worker pool (main thread side): workers made on first use through the host (runtime/host.ts:
 * worker_threads in Node, every one unref()ed so the pool never keeps the process alive; Web
 * Workers in a page). Workers receive the shared memory at start and each kernel's WasmModule
 * once, by postMessage, before their first job of that kernel; everything during a call goes
 * through Atomics on the control block (see control.ts).
 *
 * Starting workers never blocks: a call uses the workers that are ready when its prange starts
 * and the rest join later pranges as they come (chunking does not depend on the thread count, so
 * results do not either).
 *
 * A dead worker is seen while a call blocks: in Node through each worker's lifeline and the
 * watcher thread (runtime/host/node.ts), which mark its slot dead and wake every waiter.
 */
import { controlView, DONE, EPOCH, GENERATION, errorSource, JOB_EXIT, JOB_KIND, MAILBOX, MAX_WORKERS, READY, STATE, WORKER_DEAD, WORKER_READY, WORKER_STARTING, workerField, workerOfSource, } from "./control.js";
import { clearErrorRecord, deserializeError, readErrorRecord } from "./errors.js";
import { host } from "./host.js";
import { sharedMemory } from "./memory.js";
import { blockWait, CAN_BLOCK, soon, warn } from "./platform.js";
/** How long `ensureWorkers(n, true)` waits for new workers to report ready. */
export const READY_TIMEOUT_MS = 15_000;
let handles = [];
let spinPolicy = "auto";
/** Pools in a row whose workers died before they were ready (reset by a pool that boots). */
let bootFailures = 0;
let lastBootError = null;
/**
 * Whether threads waiting for work may spin before sleeping. Never when the call uses more threads
 * than cores: a spinning thread would then steal the core of one that has work.
 */
export function spinAllowed(threads) {
    return spinPolicy === "auto" && threads <= (cores ??= host().cores());
}
/** The host's core count (os.availableParallelism() in Node), read once (a call costs ~0.3 µs, every call of a kernel needs it). */
let cores;
/** Turns spinning off ("never") or back to the default ("auto"); for measurements and tests. */
export function setSpinPolicy(policy) {
    spinPolicy = policy;
}
/** Number of workers the pool holds now. */
export function poolSize() {
    return handles.length;
}
/** The Worker objects (for tests that need to observe or disturb them). */
export function poolWorkers() {
    return handles.map((h) => h.link.raw);
}
function isBroken(ctl) {
    return handles.some((h) => h.exited || Atomics.load(ctl, workerField(h.index, STATE)) === WORKER_DEAD);
}
/** Tells every worker of the current pool to exit and forgets them (they finish on their own). */
function retire(ctl) {
    const old = handles;
    handles = [];
    wanted = 0;
    // Bumping EPOCH before the mailboxes means a worker that wakes sees it and exits (and a
    // worker still inside a job never finds a mailbox of the new pool addressed to it).
    Atomics.add(ctl, EPOCH, 1);
    // The wake-up value comes from GENERATION like any job's: a new worker in this slot starts
    // from the slot's current value, so later jobs must never store that same value again.
    const gen = (Atomics.add(ctl, GENERATION, 1) + 1) | 0;
    for (const h of old) {
        Atomics.store(ctl, workerField(h.index, JOB_KIND), JOB_EXIT);
        Atomics.store(ctl, workerField(h.index, MAILBOX), gen);
        Atomics.notify(ctl, workerField(h.index, MAILBOX));
    }
    Atomics.store(ctl, READY, 0);
    return old;
}
// ---- starting workers ------------------------------------------------------------------------
/**
 * Makes sure the pool has at least `n` workers, starting new ones; it does not wait for them
 * (a call uses the ones that are ready), unless `wait` is true: then it blocks, bounded by
 * READY_TIMEOUT_MS, until all `n` are ready (for measurements). A pool with a dead worker is
 * replaced; after two pools in a row whose workers died before they were ready, it throws with
 * the cause instead of starting more.
 */
export function ensureWorkers(n, wait = false) {
    if (n > MAX_WORKERS)
        throw new RangeError(`parfor: at most ${MAX_WORKERS + 1} threads are supported, ${n + 1} were requested`);
    const memory = sharedMemory();
    const ctl = controlView(memory);
    if (handles.length > 0 && isBroken(ctl)) {
        const bootFailed = handles.some((h) => h.bootFailed === true);
        for (const h of retire(ctl))
            void h.link.terminate();
        if (bootFailed)
            bootFailures++;
    }
    else if (handles.some((h) => Atomics.load(ctl, workerField(h.index, STATE)) === WORKER_READY)) {
        bootFailures = 0;
        lastBootError = null;
    }
    if (bootFailures >= 2 && lastBootError !== null) {
        throw new Error(`parfor: worker threads cannot start: ${lastBootError}`);
    }
    if (handles.length < n) {
        const problem = host().workerEntryProblem();
        if (problem !== null)
            throw new Error(`parfor: ${problem}`);
        wanted = Math.max(wanted, n);
        // Making a Worker costs the calling thread a few ms: start a batch now, the rest a batch per
        // later call or event-loop turn (a call uses the workers that are ready anyway).
        startBatch(wait ? n : Math.min(n, handles.length + bootBatch()));
        if (handles.length < wanted && !topUpScheduled) {
            topUpScheduled = true;
            soon(topUp);
        }
    }
    // a thread that cannot block (a page's main thread) cannot wait for workers either: a Web
    // Worker starts only once that thread returns to its event loop
    if (wait && CAN_BLOCK)
        awaitReady(ctl, n);
}
/** Most workers any call asked for (the pool grows towards it). */
let wanted = 0;
let topUpScheduled = false;
/** Workers started per batch: as many as there are cores (at least 2). */
function bootBatch() {
    return Math.max(2, (cores ??= host().cores()));
}
function startBatch(upTo) {
    const memory = sharedMemory();
    const ctl = controlView(memory);
    const epoch = Atomics.load(ctl, EPOCH);
    while (handles.length < upTo)
        handles.push(startWorker(memory, ctl, epoch));
}
/** One batch per event-loop turn until the pool has the workers calls asked for. */
function topUp() {
    topUpScheduled = false;
    if (handles.length === 0 || handles.length >= wanted)
        return; // retired meanwhile: the next call starts afresh
    try {
        startBatch(Math.min(wanted, handles.length + bootBatch()));
    }
    catch {
        return; // the next call reports it
    }
    if (handles.length < wanted) {
        topUpScheduled = true;
        soon(topUp);
    }
}
function startWorker(memory, ctl, epoch) {
    const index = handles.length;
    Atomics.store(ctl, workerField(index, STATE), WORKER_STARTING);
    // a worker started after kernels were sent gets them all before its first job
    const messages = [...known.values()];
    let h;
    const link = host().spawn({ memory, index, epoch, messages }, {
        error(e) {
            if (h === undefined)
                return;
            h.exited = true;
            h.error = e;
            if (handles.includes(h) && Atomics.load(ctl, workerField(index, STATE)) !== WORKER_READY) {
                // died before it was ready: say why at once (the calls meanwhile run on fewer threads)
                h.bootFailed = true;
                lastBootError = e.message;
                warn(`parfor: worker thread ${index} failed to start: ${e.message}`, "ParforWarning", "PARFOR_WORKER");
            }
        },
        exit(code) {
            if (h === undefined)
                return;
            h.exited = true;
            h.exitCode = code;
            if (handles.includes(h) && Atomics.load(ctl, EPOCH) === epoch) {
                Atomics.store(ctl, workerField(index, STATE), WORKER_DEAD);
                Atomics.notify(ctl, DONE);
                Atomics.notify(ctl, READY);
            }
        },
    });
    h = { link, index, kernels: new Set(messages.map((m) => m.meta.id)), exited: false };
    return h;
}
/** Blocks until `target` workers are ready (READY counts them), a worker dies, or the timeout. */
function awaitReady(ctl, target) {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
        const r = Atomics.load(ctl, READY);
        if (r >= target)
            return;
        const dead = handles.find((h) => Atomics.load(ctl, workerField(h.index, STATE)) === WORKER_DEAD);
        if (dead !== undefined) {
            const err = drainPort(dead);
            for (const h of retire(ctl))
                void h.link.terminate();
            throw new Error(`parfor: worker thread ${dead.index} failed to start${err ? `: ${err.message}` : ""}`);
        }
        const left = deadline - Date.now();
        if (left <= 0) {
            for (const h of retire(ctl))
                void h.link.terminate();
            throw new Error(`parfor: ${target - r} of ${target} worker threads did not start within ${READY_TIMEOUT_MS / 1000} s`);
        }
        blockWait(ctl, READY, r, Math.min(left, 50));
    }
}
/** Whether pool worker `w` is ready to take jobs now. */
export function workerReady(ctl, w) {
    return w < handles.length && Atomics.load(ctl, workerField(w, STATE)) === WORKER_READY;
}
/** Why worker `w` is gone, as far as this thread knows (its error, its exit code). */
export function workerCause(w) {
    const h = handles.find((x) => x.index === w);
    if (h?.error !== undefined)
        return h.error.message;
    if (h?.exitCode !== undefined)
        return `it exited with code ${h.exitCode}`;
    return "it was terminated or crashed";
}
/**
 * Resolves once the 'error'/'exit' event of dead worker `w` has been seen (or after `ms`), so an
 * async caller can name the cause.
 */
export function workerGone(w, ms = 200) {
    const h = handles.find((x) => x.index === w);
    if (h === undefined || h.exited)
        return Promise.resolve();
    // the 'error' event, when there is one, comes before 'exit'
    return h.link.exited(ms);
}
/**
 * Kernels sent to the pool, so that workers started later (a batch per call or turn) get them
 * too; a collected kernel leaves (dropKernel).
 */
const known = new Map();
/** Posts `meta`'s module to workers [0, n) that have not received it yet (and to workers started later). */
export function sendKernel(n, meta, module) {
    let msg = known.get(meta.id);
    if (msg === undefined)
        known.set(meta.id, (msg = { kind: "kernel", meta, module }));
    for (let i = 0; i < Math.min(n, handles.length); i++)
        post(handles[i], msg);
}
function post(h, msg) {
    if (h.kernels.has(msg.meta.id))
        return;
    h.link.post(msg);
    h.kernels.add(msg.meta.id);
}
/** Tells every worker that has kernel `id` to drop its instance and module (the handle was collected). */
export function dropKernel(id) {
    known.delete(id);
    for (const h of handles) {
        if (!h.kernels.delete(id))
            continue;
        const msg = { kind: "drop", id };
        h.link.post(msg);
    }
}
function drainPort(h) {
    let last;
    for (const msg of h.link.drain())
        if (msg.kind === "error" && last === undefined)
            last = deserializeError(msg);
    return last;
}
/**
 * After a failed job: reads (synchronously, the main thread may be inside a call) every error the
 * workers posted, and returns the one of `source` (an ERROR value), rebuilt with its class. The
 * workers post before they add to DONE, so after the join every message is already queued.
 * Where the host cannot receive synchronously (web workers), the failing worker wrote its error
 * to the error record in shared memory instead (errors.ts).
 */
export function takeWorkerError(source) {
    let found;
    const w = workerOfSource(source);
    for (const h of handles) {
        const e = drainPort(h);
        if (h.index === w && e !== undefined)
            found = e;
    }
    found ??= readErrorRecord(sharedMemory(), source);
    return found ?? new Error(`parfor: worker thread ${w} failed without reporting an error (source ${source} != ${errorSource(w)})`);
}
/** Drops any stale error messages (before a call starts). */
export function discardWorkerErrors() {
    for (const h of handles)
        drainPort(h);
    clearErrorRecord(sharedMemory());
}
/**
 * Ends every worker and waits for them to exit (terminating any that do not within 2 s). The
 * caller makes sure no call is running (api.ts shutdown). The next call that needs workers
 * starts a new pool.
 */
export async function shutdownPool() {
    if (handles.length === 0)
        return;
    const ctl = controlView(sharedMemory());
    const old = retire(ctl);
    await Promise.all(old.map(async (h) => {
        if (h.exited)
            return;
        await h.link.exited(2000);
        if (!h.exited)
            await h.link.terminate();
    }));
}
