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
const later: number[] = [];
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  pi.kernel(n);
  later.push(performance.now() - t0);
}
later.sort((a, b) => a - b);
await parfor.shutdown();

console.log(
  JSON.stringify({
    scriptStartMs: atScript,
    importMs: atImported - atScript,
    defineKernelMs: atKernel - atImported,
    firstCallMs: atFirstResult - atKernel,
    timeToFirstResultMs: atFirstResult,
    laterCallMs: later[later.length >> 1],
    firstCorrect: pi.check(first).ok,
  }),
);
