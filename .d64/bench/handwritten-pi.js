/**
 * The "hand-written worker code" baseline: pi by the midpoint rule on a pool of worker_threads
 * that share a SharedArrayBuffer and synchronise with Atomics, the way one would write it without
 * parfor. The main thread hands out work and blocks in Atomics.wait until all workers are done.
 */
import { Worker } from "node:worker_threads";
/** A started pool of pi workers; `run` is synchronous like a parfor call. */
export class HandWrittenPi {
    workers;
    ctrl;
    f64;
    pool = [];
    constructor(workers) {
        this.workers = workers;
        this.ctrl = new Int32Array(new SharedArrayBuffer(3 * 4));
        this.f64 = new Float64Array(new SharedArrayBuffer((1 + workers) * 8));
    }
    /** Starts `workers` workers and resolves once all are running. */
    static async start(workers = 2) {
        const p = new HandWrittenPi(workers);
        const url = new URL("./pi-worker.js", import.meta.url);
        const online = [];
        for (let index = 0; index < workers; index++) {
            const w = new Worker(url, {
                workerData: { control: p.ctrl.buffer, data: p.f64.buffer, index, workers },
            });
            online.push(new Promise((resolve, reject) => w.once("online", resolve).once("error", reject)));
            p.pool.push(w);
        }
        await Promise.all(online);
        return p;
    }
    /** pi with nsteps midpoints, split evenly over the workers. */
    run(nsteps) {
        const { ctrl, f64, workers } = this;
        f64[0] = nsteps;
        Atomics.store(ctrl, 1, 0);
        Atomics.add(ctrl, 0, 1);
        Atomics.notify(ctrl, 0);
        for (let done = Atomics.load(ctrl, 1); done < workers; done = Atomics.load(ctrl, 1)) {
            Atomics.wait(ctrl, 1, done);
        }
        let sum = 0;
        for (let k = 0; k < workers; k++)
            sum += f64[1 + k];
        return sum / nsteps;
    }
    /** Stops the workers. */
    async close() {
        Atomics.store(this.ctrl, 2, 1);
        Atomics.add(this.ctrl, 0, 1);
        Atomics.notify(this.ctrl, 0);
        await Promise.all(this.pool.map((w) => new Promise((resolve) => w.once("exit", resolve))));
    }
}
