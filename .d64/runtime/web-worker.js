/**
 * A pool worker in a page (a module Web Worker started by runtime/host/web.ts). Unlike a Node
 * worker it cannot read messages synchronously, so it returns to its event loop whenever it is
 * idle: it spins briefly after a job (when allowed), then waits for its MAILBOX with
 * Atomics.waitAsync, and kernel modules are taken as they arrive between jobs. A job whose
 * kernel has not arrived yet waits for that message before it runs (the leader meanwhile waits
 * in its join, which needs nothing from this worker but its DONE), so it never deadlocks. Errors
 * go to the error record in shared memory (errors.ts), which the main thread reads during a call.
 *
 * Must not import the compiler, typescript or any node: module.
 */
import { JOB_KIND, JOB_LOOP, JOB_MAIN, MAILBOX, SLEEP, sleepMark, workerField } from "./control.js";
import { writeErrorRecord } from "./errors.js";
import { setMathSource } from "./mathlib.js";
import { waitAsync } from "./wasm.js";
import { WorkerCore } from "./worker-core.js";
const scope = globalThis;
/** How long a job waits for its kernel's module before it fails (the main thread sent it before the job). */
const KERNEL_WAIT_MS = 10_000;
/** Slice of the idle wait (a worker re-checks its mailbox at least this often). */
const IDLE_SLICE_MS = 1000;
let core = null;
const early = [];
let arrived = null;
scope.onmessage = (e) => {
    const msg = e.data;
    if (msg.kind === "init") {
        void start(msg);
        return;
    }
    if (core === null)
        early.push(msg);
    else
        core.onMessage(msg);
    arrived?.();
};
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
/** Resolves when a message arrives or after `ms`. */
function nextMessage(ms) {
    return new Promise((resolve) => {
        const t = setTimeout(done, ms);
        function done() {
            clearTimeout(t);
            arrived = null;
            resolve();
        }
        arrived = done;
    });
}
/** Waits on the event loop until MAILBOX differs from `seen` (or a slice passed); returns its value. */
async function idle(c, seen) {
    const mb = workerField(c.env.index, MAILBOX);
    // leaders notify only sleepers (control.ts SLEEP): say so before the wait re-checks MAILBOX
    const flag = workerField(c.env.index, SLEEP);
    Atomics.store(c.ctl, flag, sleepMark(c.env.epoch));
    if (typeof Atomics.waitAsync === "function") {
        const r = waitAsync(c.ctl, mb, seen, IDLE_SLICE_MS);
        if (r.async)
            await r.value;
    }
    else {
        // no waitAsync (older engines): short blocking waits, with a turn of the event loop between
        Atomics.wait(c.ctl, mb, seen, 2);
        await sleep(0);
    }
    const v = Atomics.load(c.ctl, mb);
    if (v !== seen)
        Atomics.compareExchange(c.ctl, flag, sleepMark(c.env.epoch), 0);
    return v;
}
async function start(init) {
    setMathSource(() => init.math);
    const c = new WorkerCore({
        memory: init.memory,
        index: init.index,
        epoch: init.epoch,
        takeMessage: () => false,
        report(e, won) {
            if (won)
                writeErrorRecord(init.memory, c.self, e);
        },
        collectGarbage() { },
    });
    for (const m of [...init.messages, ...early.splice(0)])
        c.onMessage(m);
    core = c;
    try {
        let seen = c.start();
        if (seen === null)
            return;
        for (;;) {
            let v = c.spin(seen);
            while (v === seen)
                v = await idle(c, seen);
            seen = v;
            const kind = Atomics.load(c.ctl, workerField(c.env.index, JOB_KIND));
            if (kind === JOB_LOOP || kind === JOB_MAIN) {
                const id = c.kernelOfJob(kind);
                const deadline = performance.now() + KERNEL_WAIT_MS;
                while (!c.has(id) && performance.now() < deadline)
                    await nextMessage(deadline - performance.now());
            }
            if (!c.runJob(seen))
                return;
        }
    }
    finally {
        c.end();
        scope.postMessage({ kind: "exited" });
        scope.close();
    }
}
