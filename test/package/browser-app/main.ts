// A page importing parfor from the installed tarball: TypeScript and JSDoc kernels precompiled by
// parfor/bundler's vite() plugin, the pool's workers, .async, and the opt-in JIT.
import { array, free, parallel, prange } from "parfor";
// @ts-ignore: plain JavaScript
import { counts, scale, scalePlain } from "./kernels.js";

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

function workersUsed(): number {
  const probe = array(Int32Array, 1);
  const ctl = new Int32Array(probe.buffer, 0, 256 + 512 * 16);
  free(probe);
  let n = 0;
  for (let w = 0; w < 512; w++) if (ctl[256 + w * 16 + 3]! > 0) n++;
  return n;
}

async function run() {
  const out: Record<string, unknown> = { isolated: globalThis.crossOriginIsolated === true };
  const n = 5_000_000;
  out.pi = pi(n);
  out.piAsync = await pi.async(n);
  await new Promise((r) => setTimeout(r, 300));
  out.pi2 = pi(n);
  out.piPlain = piPlain(n);
  const a = new Float64Array(200_000).map((_, i) => i % 17);
  const b = Float64Array.from(a);
  scale(a, 0.5);
  scalePlain(b, 0.5);
  out.scaleEqual = a.every((x: number, i: number) => Object.is(x, b[i]));
  out.counts = counts();
  const made = parallel(new Function("n", "let s = 0; for (const i of prange(n)) s += i % 3; return s;") as (n: number) => number);
  const jit = await import("parfor/jit");
  out.jit = { loaded: jit.jitLoaded, got: made(1000), want: Array.from({ length: 1000 }, (_, i) => i % 3).reduce((x, y) => x + y, 0) };
  out.workersUsed = workersUsed();
  return out;
}

(globalThis as unknown as { parforTest: () => Promise<unknown> }).parforTest = run;
document.getElementById("status")!.textContent = "ready";
