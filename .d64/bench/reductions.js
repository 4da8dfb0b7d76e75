/**
 * Reductions beyond scalars (issue 11): argmin over 10^7 doubles (a compound reduction), a
 * 256-bin histogram of 10^7 values (an array reduction through per-chunk private copies),
 * column sums of a 4000 x 4000 matrix, and `vectorize` of a cheap polynomial over 10^7 parfor-
 * array elements (`.into` an output parfor array); plain JavaScript (the same function run as an
 * ordinary loop; for vectorize the plain map, a loop calling the function into a preallocated
 * Float64Array) vs parfor on 1 and 2 threads with parfor arrays. Medians of interleaved rounds in
 * one process; only ratios mean anything.
 *
 *   node dist/bench/reductions.js [--runs 7]
 */
import { array, parallel, prange, shutdown, vectorize } from "../index.js";
import { measureRounds } from "./stats.js";
const N = 10_000_000;
const BINS = 256;
const COLS = 4000;
const argmin = (a) => {
    let m = Infinity;
    let k = -1;
    for (const i of prange(a.length)) {
        if (a[i] < m) {
            m = a[i];
            k = i;
        }
    }
    return k;
};
const argminLoop = (a) => {
    let m = Infinity;
    let k = -1;
    for (let i = 0; i < a.length; i++) {
        if (a[i] < m) {
            m = a[i];
            k = i;
        }
    }
    return k;
};
const histogram = (x, h) => {
    for (const i of prange(x.length))
        h[x[i]] += 1;
};
const histogramLoop = (x, h) => {
    for (let i = 0; i < x.length; i++)
        h[x[i]] += 1;
};
const colsums = (a, rows, cols, acc) => {
    for (const i of prange(rows))
        for (let j = 0; j < cols; j++)
            acc[j] += a[i * cols + j];
};
const colsumsLoop = (a, rows, cols, acc) => {
    for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++)
            acc[j] += a[i * cols + j];
};
/** the cheap function vectorize maps */
const poly = (x) => (3 * x - 2) * x + 1;
const mapLoop = (f, x, out) => {
    for (let i = 0; i < x.length; i++)
        out[i] = f(x[i]);
};
function main() {
    const runsArg = process.argv.indexOf("--runs");
    const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
    let s = 12345;
    const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
    const a = array(Float64Array, N);
    for (let i = 0; i < N; i++)
        a[i] = rnd();
    const x = array(Int32Array, N);
    for (let i = 0; i < N; i++)
        x[i] = Math.floor(rnd() * BINS);
    const h = array(Float64Array, BINS);
    const m = array(Float64Array, COLS * COLS);
    for (let i = 0; i < m.length; i++)
        m[i] = rnd();
    const acc = array(Float64Array, COLS);
    const ys = array(Float64Array, N);
    const yp = new Float64Array(N);
    const v1 = vectorize(poly, { threads: 1 });
    const v2 = vectorize(poly, { threads: 2 });
    const k1 = { argmin: parallel(argmin, { threads: 1 }), histogram: parallel(histogram, { threads: 1 }), colsums: parallel(colsums, { threads: 1 }) };
    const k2 = { argmin: parallel(argmin, { threads: 2 }), histogram: parallel(histogram, { threads: 2 }), colsums: parallel(colsums, { threads: 2 }) };
    for (const k of [k1, k2])
        for (const f of Object.values(k))
            if (f.diagnostics.length)
                throw new Error(`unexpected diagnostics: ${f.diagnostics.map((d) => d.message).join("; ")}`);
    // same results as the plain loop
    if (k2.argmin(a) !== argminLoop(a))
        throw new Error("argmin differs");
    const hp = new Float64Array(BINS);
    histogramLoop(x, hp);
    h.fill(0);
    k2.histogram(x, h);
    if (!hp.every((v, j) => v === h[j]))
        throw new Error("histogram differs");
    mapLoop(poly, a, yp);
    v2.into(ys, a);
    if (!yp.every((v, j) => Object.is(v, ys[j])))
        throw new Error("vectorize differs");
    const none = () => { };
    const rows = [
        ["argmin, 10^7 doubles", () => argminLoop(a), () => k1.argmin(a), () => k2.argmin(a)],
        ["histogram, 10^7 values, 256 bins", () => histogramLoop(x, h), () => k1.histogram(x, h), () => k2.histogram(x, h)],
        ["column sums, 4000 x 4000", () => colsumsLoop(m, COLS, COLS, acc), () => k1.colsums(m, COLS, COLS, acc), () => k2.colsums(m, COLS, COLS, acc)],
        ["vectorize (3x-2)x+1, 10^7, .into", () => mapLoop(poly, a, yp), () => v1.into(ys, a), () => v2.into(ys, a)],
    ];
    console.log(`node ${process.version}, ${runs} rounds, medians (ms)`);
    console.log("kernel                              plain     1T      2T   2T vs plain");
    for (const [name, plain, one, two] of rows) {
        const [p, o, t] = measureRounds([{ setup: none, run: plain }, { setup: none, run: one }, { setup: none, run: two }], runs);
        console.log(`${name.padEnd(34)} ${p.median.toFixed(1).padStart(6)} ${o.median.toFixed(1).padStart(6)} ${t.median.toFixed(1).padStart(6)}   ${(p.median / t.median).toFixed(2)}x`);
    }
    shutdown();
}
main();
