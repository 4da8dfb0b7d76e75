/**
 * Run by the bench in a fresh `node` process: imports parfor, compiles pi and runs pi(1e8) once,
 * then a few more times, and prints one JSON line with the timings. Times are in ms since the
 * process started (performance.now() counts from the process's time origin).
 */
const atScript = performance.now();
const parfor = await import("../index.js");
const atImported = performance.now();
const pi = await import("../examples/pi.js");
const atKernel = performance.now();
const n = 1e8;
const first = pi.kernel(n);
const atFirstResult = performance.now();
const later = [];
for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    pi.kernel(n);
    later.push(performance.now() - t0);
}
later.sort((a, b) => a - b);
// A second, new kernel in the same process: the compiler is loaded and the pool is up, so its
// first call is a ~3 ms compile plus a run of freshly generated wasm. That run shows whether the
// first call is held back by V8's baseline tier (it should not be: loops run in many chunks).
const freshPi = parfor.parallel((steps) => {
    const h = 1 / steps;
    let acc = 0;
    for (const k of parfor.prange(steps)) {
        const x = (k + 0.5) * h;
        acc += 4 / (1 + x * x);
    }
    return acc * h;
});
const t1 = performance.now();
freshPi(n);
const freshFirst = performance.now() - t1;
const freshLater = [];
for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    freshPi(n);
    freshLater.push(performance.now() - t0);
}
freshLater.sort((a, b) => a - b);
await parfor.shutdown();
console.log(JSON.stringify({
    scriptStartMs: atScript,
    importMs: atImported - atScript,
    defineKernelMs: atKernel - atImported,
    firstCallMs: atFirstResult - atKernel,
    timeToFirstResultMs: atFirstResult,
    laterCallMs: later[later.length >> 1],
    newKernelFirstCallMs: freshFirst,
    newKernelLaterCallMs: freshLater[freshLater.length >> 1],
    firstCorrect: pi.check(first).ok,
}));
export {};
