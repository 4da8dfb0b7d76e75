/**
 * A small app bundled with parfor's plugin: its kernels are compiled to WebAssembly at bundle
 * time and inlined in the bundle, so running it never loads TypeScript or compiles anything.
 * Prints one JSON line: each kernel's result and first-call time, and whether the compiler loaded.
 */
import { createRequire } from "node:module";
import { array, free, parallel, prange } from "parfor";

/** pi by the midpoint rule: a reduction over a number parameter. */
const pi = parallel((n: number): number => {
  const dx = 1 / n;
  let sum = 0;
  for (const i of prange(n)) {
    const x = (i + 0.5) * dx;
    sum += 4 / (1 + x * x);
  }
  return sum * dx;
});

/** y = a * x + y over typed arrays: a function of the module, named in the call. */
function saxpyPlain(a: number, x: Float64Array, y: Float64Array): void {
  for (const i of prange(y.length)) {
    y[i] = a * x[i] + y[i];
  }
}
const saxpy = parallel(saxpyPlain, { schedule: "static" });

const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
};

const [piValue, piMs] = time(() => pi(1_000_000));
const n = 1000;
const x = array(Float64Array, n);
const y = array(Float64Array, n);
for (let i = 0; i < n; i++) {
  x[i] = i;
  y[i] = 1;
}
const [, saxpyMs] = time(() => saxpy(2, x, y));
const ySum = y.reduce((s, v) => s + v, 0);
free(x);
free(y);
const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => /[\\/]node_modules[\\/](typescript|binaryen|ts-morph)[\\/]/.test(f));
process.stdout.write(JSON.stringify({ pi: piValue, piMs, ySum, saxpyMs, compilerLoaded: loaded }) + "\n");
