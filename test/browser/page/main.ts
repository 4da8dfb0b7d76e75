// The page the browser tests load (built by Vite with parfor/bundler's plugin, which compiles the
// kernels below at build time: the page loads no compiler). window.parforTest runs every check and
// returns plain data for test/browser/browser.test.ts.
import { array, free, memoryUsage, parallel, ParforCompileError, prange } from "parfor";
// plain JavaScript, without declarations (test/ is not type-checked)
import { plainJs, plainJsAsync } from "./plain.js";

function piPlain(n: number): number {
  const dx = 1 / n;
  let sum = 0;
  for (const i of prange(n)) {
    const x = (i + 0.5) * dx;
    sum += 4 / (1 + x * x);
  }
  return sum * dx;
}
const pi = parallel(piPlain);

function waveKernel(a: Float64Array, n: number): void {
  for (const i of prange(n)) a[i] = Math.sqrt(i) * 0.37 + Math.abs(Math.floor(i / 3) - 5000) / 7 - (i % 13) * 0.25 + Math.min(i, 500) / (i + 1);
}
const wave = parallel(waveKernel);

/**
 * Math functions from parfor's math library, which is bit-identical to V8's on Node 20: newer
 * V8s (the page's) compute some of them differently in the last bit for some inputs, so these are
 * compared with the page's Math only to report how often they differ.
 */
function sinKernel(a: Float64Array, n: number): void {
  for (const i of prange(n)) a[i] = Math.sin(i * 0.001);
}
function expKernel(a: Float64Array, n: number): void {
  for (const i of prange(n)) a[i] = Math.exp(i * 1e-4 - 5);
}
function logKernel(a: Float64Array, n: number): void {
  for (const i of prange(n)) a[i] = Math.log(i * 0.01 + 0.5);
}
const mathKernels = { sin: [parallel(sinKernel), sinKernel], exp: [parallel(expKernel), expKernel], log: [parallel(logKernel), logKernel] } as const;

function countPlain(n: number): number {
  let c = 0;
  for (const i of prange(n)) c += (i * 7 + 3) % 11 === 0 ? 1 : 0;
  return c;
}
const count = parallel(countPlain);

/** Writes a[i] for i < n: with n > a.length the last chunks (a helper's share) go out of bounds. */
const fill = parallel((a: Float64Array, n: number): void => {
  for (const i of prange(n)) a[i] = i;
});

/** Pool workers that have run at least one job (their ACK slot in parfor's control block moved). */
function workersUsed(): number {
  const probe = array(Int32Array, 1);
  const ctl = new Int32Array(probe.buffer, 0, 256 + 512 * 16);
  free(probe);
  let n = 0;
  for (let w = 0; w < 512; w++) if (ctl[256 + w * 16 + 3]! > 0) n++;
  return n;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function errorOf(f: () => unknown): Promise<{ cls: string; message: string } | null> {
  try {
    await f();
    return null;
  } catch (e) {
    return { cls: (e as Error).constructor.name, message: (e as Error).message };
  }
}

/** A kernel made at run time: the plugin cannot precompile it, so it needs parfor/jit. */
const madeBody = "let s = 0; for (const i of prange(n)) { a[i] = i * 0.5 + k; s += a[i] % 7; } return s;";
const madePlain = new Function("a", "n", "k", madeBody.replace("prange(n)", "Array.from({ length: n }, (_, j) => j)")) as (a: Float64Array, n: number, k: number) => number;
const made = parallel(new Function("a", "n", "k", madeBody) as (a: Float64Array, n: number, k: number) => number);

/** Before parfor/jit the made kernel is a ParforCompileError; after it, it compiles in the page. */
async function jitChecks() {
  const n = 100_000;
  const out: Record<string, unknown> = {};
  try {
    made(new Float64Array(n), n, 1.5);
    out.before = null;
  } catch (e) {
    out.before = { compileError: e instanceof ParforCompileError, message: (e as Error).message };
  }
  const t0 = performance.now();
  const jit = await import("parfor/jit");
  out.loadMs = performance.now() - t0;
  out.loaded = jit.jitLoaded;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  out.sync = made(a, n, 1.5);
  out.plain = madePlain(b, n, 1.5);
  out.arraysEqual = a.every((x, i) => Object.is(x, b[i]));
  out.async = await made.async(array(Float64Array, n), n, 1.5);
  const sq = jit.vectorize((x: number) => Math.sqrt(x) * 2 + 1);
  const xs = new Float64Array(1000).map((_, i) => i);
  const ys = sq(xs) as Float64Array;
  out.vectorizeEqual = ys.every((y, i) => Object.is(y, Math.sqrt(i) * 2 + 1));
  return out;
}

/** Sync calls inside a module Web Worker of the page (worker.ts). */
function workerChecks(): Promise<unknown> {
  const w = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
  return new Promise((done) => {
    w.onmessage = (e) => {
      w.terminate();
      done(e.data);
    };
    w.onerror = (e) => {
      w.terminate();
      done({ error: e.message });
    };
  });
}

async function run() {
  const out: Record<string, unknown> = { isolated: globalThis.crossOriginIsolated === true, cores: navigator.hardwareConcurrency };
  const n = 2_000_000;
  // first calls: the pool starts (Web Workers boot once this thread returns to its event loop)
  out.countSync = count(n);
  out.countPlain = countPlain(n);
  out.countAsync = await count.async(n);
  await sleep(300);
  out.pi = pi(n);
  out.piPlain = piPlain(n);
  out.piAsync = await pi.async(n);
  const a = new Float64Array(100_000);
  const b = new Float64Array(100_000);
  wave(a, a.length);
  waveKernel(b, b.length);
  out.waveEqual = a.every((x, i) => Object.is(x, b[i]));
  const bad = a.findIndex((x, i) => !Object.is(x, b[i]));
  if (bad >= 0) out.waveFirstDiff = { i: bad, kernel: a[bad], plain: b[bad] };
  const mathDiffers: Record<string, number> = {};
  for (const [name, [k, plain]] of Object.entries(mathKernels)) {
    k(a, a.length);
    plain(b, b.length);
    mathDiffers[name] = a.filter((x, i) => !Object.is(x, b[i])).length;
  }
  out.mathDiffers = mathDiffers;
  out.mathCompared = a.length;
  const shared = array(Float64Array, 100_000);
  waveKernel(b, b.length);
  await wave.async(shared, shared.length);
  out.waveAsyncEqual = shared.every((x, i) => Object.is(x, b[i]));
  free(shared);
  // .async keeps the page responsive: a timer keeps firing during a long call
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  const t0 = performance.now();
  out.longPi = await pi.async(400_000_000);
  out.longMs = performance.now() - t0;
  clearInterval(timer);
  out.ticks = ticks;
  // a kernel error reaches the page with its class, from a sync and an async call
  out.syncError = await errorOf(() => fill(new Float64Array(1000), 1001));
  out.asyncError = await errorOf(() => fill.async(new Float64Array(1000), 1001));
  // and the pool is still usable after them
  out.afterError = count(n);
  // plain JavaScript kernels, typed from JSDoc and their calls at build time
  out.plainJs = plainJs();
  out.plainJsAsync = await plainJsAsync();
  out.worker = await workerChecks();
  out.jit = await jitChecks();
  out.workersUsed = workersUsed();
  out.poolSize = memoryUsage().poolSize;
  return out;
}

(globalThis as unknown as { parforTest: () => Promise<unknown> }).parforTest = run;
document.getElementById("status")!.textContent = "ready";
