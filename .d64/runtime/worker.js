/**
 * A Node pool worker (entry point, loaded from dist/runtime/worker.js). It never returns to its
 * event loop while the pool lives: it waits on its MAILBOX in the control block (spinning briefly
 * when allowed, then Atomics.wait), runs the job it finds (runtime/worker-core.ts), and waits
 * again. Kernel modules arrive on its port; it reads them synchronously with receiveMessageOnPort
 * when a job needs one. Errors go back on the same port.
 *
 * Must not import the compiler or typescript: only runtime modules.
 */
import { readFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { receiveMessageOnPort, workerData } from "node:worker_threads";
import { MAILBOX, SLEEP, sleepMark, workerField } from "./control.js";
import { libraryUrl, setMathSource } from "./mathlib.js";
import { Wasm } from "./wasm.js";
import { WorkerCore } from "./worker-core.js";
const { memory, port, index, epoch, lifeline } = workerData;
// Never read: the watcher sees it close when this thread ends, however it ends (see host/node.ts).
void lifeline;
setMathSource(() => new Wasm.Module(readFileSync(libraryUrl())));
let collect;
const core = new WorkerCore({
    memory,
    index,
    epoch,
    takeMessage() {
        const m = receiveMessageOnPort(port);
        if (m === undefined)
            return false;
        core.onMessage(m.message);
        return true;
    },
    report(e) {
        port.postMessage(e);
    },
    collectGarbage() {
        if (collect === undefined) {
            try {
                setFlagsFromString("--expose-gc");
                collect = runInNewContext("gc");
            }
            catch {
                collect = null;
            }
        }
        collect?.();
    },
});
/** Waits until this worker's MAILBOX differs from `seen` and returns the new value. */
function waitMailbox(seen) {
    const v = core.spin(seen);
    if (v !== seen)
        return v;
    const mb = workerField(index, MAILBOX);
    // leaders notify only sleepers (control.ts SLEEP): say so before the wait re-checks MAILBOX
    const sleep = workerField(index, SLEEP);
    Atomics.store(core.ctl, sleep, sleepMark(epoch));
    for (;;) {
        // Atomics.wait re-checks the value atomically, so a store+notify between our load and the
        // wait is never lost.
        Atomics.wait(core.ctl, mb, seen);
        const v = Atomics.load(core.ctl, mb);
        if (v !== seen) {
            Atomics.compareExchange(core.ctl, sleep, sleepMark(epoch), 0);
            return v;
        }
    }
}
function run() {
    let seen = core.start();
    if (seen === null)
        return;
    for (;;) {
        seen = waitMailbox(seen);
        if (!core.runJob(seen))
            return;
    }
}
try {
    run();
}
finally {
    core.end();
}
