/**
 * Worker of the hand-written pi baseline (see handwritten-pi.ts): waits for a new generation
 * number, sums its share of the midpoint rule into its slot, counts itself done and notifies.
 */
import { workerData } from "node:worker_threads";
const { control, data, index, workers } = workerData;
const ctrl = new Int32Array(control); // [generation, done count, stop flag]
const f64 = new Float64Array(data); // [nsteps, partial sum of worker 0, of worker 1, ...]
let generation = 0;
for (;;) {
    Atomics.wait(ctrl, 0, generation);
    generation = Atomics.load(ctrl, 0);
    if (Atomics.load(ctrl, 2) !== 0)
        break;
    const nsteps = f64[0];
    const dx = 1 / nsteps;
    const lo = Math.floor((nsteps * index) / workers);
    const hi = Math.floor((nsteps * (index + 1)) / workers);
    let sum = 0;
    for (let i = lo; i < hi; i++) {
        const x = (i + 0.5) * dx;
        sum += 4 / (1 + x * x);
    }
    f64[1 + index] = sum;
    Atomics.add(ctrl, 1, 1);
    Atomics.notify(ctrl, 1);
}
