// The core subset run under other runtimes (Deno, Bun): dist/index.js, kernels compiled at run
// time, sync and .async calls on 1 and 2 threads compared with the plain functions, parfor
// arrays, an out-of-bounds RangeError from a worker, and shutdown. Prints one JSON line.
//   deno run -A test/hosts/core.mjs   |   bun test/hosts/core.mjs
const dist = new URL("../../dist/", import.meta.url);
const { parallel, prange, array, free, memoryUsage, shutdown } = await import(new URL("index.js", dist).href);

const piPlain = (n) => {
  const dx = 1 / n;
  let s = 0;
  for (const i of prange(n)) {
    const x = (i + 0.5) * dx;
    s += 4 / (1 + x * x);
  }
  return s * dx;
};
const countPlain = (n) => {
  let c = 0;
  for (const i of prange(n)) c += (i * 7 + 3) % 11 === 0 ? 1 : 0;
  return c;
};
const wavePlain = (a, n) => {
  for (const i of prange(n)) a[i] = Math.sqrt(i) * 0.37 + Math.abs(Math.floor(i / 3) - 5000) / 7 - (i % 13) * 0.25 + Math.min(i, 500) / (i + 1);
};
// parfor's Math library is bit-identical to V8's on Node 20; other engines differ in the last bit
// on some inputs, which is reported (info), not checked
const sinPlain = (a, n) => {
  for (const i of prange(n)) a[i] = Math.sin(i * 0.001) + Math.exp(i * 1e-5 - 1);
};
const fill = parallel((a, n) => {
  for (const i of prange(n)) a[i] = i;
}, { threads: 2 });

const checks = {};
const n = 2_000_000;
for (const t of [1, 2]) {
  const pi = parallel(piPlain, { threads: t });
  const count = parallel(countPlain, { threads: t });
  const wave = parallel(wavePlain, { threads: t });
  checks[`count${t}`] = count(n) === countPlain(n) && (await count.async(n)) === countPlain(n);
  checks[`pi${t}`] = Math.abs(pi(n) - piPlain(n)) < 1e-12 && (await pi.async(n)) === pi(n);
  const a = array(Float64Array, 100_000);
  const b = new Float64Array(100_000);
  wave(a, a.length);
  wavePlain(b, b.length);
  const c = new Float64Array(100_000);
  await wave.async(c, c.length);
  checks[`wave${t}`] = a.every((x, i) => Object.is(x, b[i])) && c.every((x, i) => Object.is(x, b[i]));
  free(a);
}
for (const [name, call] of [["syncError", () => fill(new Float64Array(1000), 1001)], ["asyncError", () => fill.async(new Float64Array(1000), 1001)]]) {
  try {
    await call();
    checks[name] = false;
  } catch (e) {
    checks[name] = e instanceof RangeError && /index 1000 is out of bounds for array 'a' \(length 1000\)/.test(e.message);
  }
}
const sin = parallel(sinPlain);
const x = new Float64Array(100_000);
const y = new Float64Array(100_000);
sin(x, x.length);
sinPlain(y, y.length);
const info = { mathDiffers: x.filter((v, i) => !Object.is(v, y[i])).length, of: x.length };
checks.poolUsed = memoryUsage().poolSize >= 1;
await shutdown();
checks.shutdown = memoryUsage().poolSize === 0;
console.log(JSON.stringify({ checks, info }));
