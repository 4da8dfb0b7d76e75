/**
 * Real kernels side by side (issue 14): plain JavaScript (a hand-written for loop), parfor on 1
 * and 2 threads with parfor arrays (no copies), and, with --c, the same kernels in C (gcc -O3
 * -fopenmp, bench/c/kernels.c) on 1 and 2 threads. Times are medians of interleaved rounds in one
 * process; only ratios mean anything.
 *
 *   node dist/bench/kernels.js [--only matvec,kmeans] [--runs 7] [--c] [--procs 3]
 *
 * --procs N runs the whole measurement in N fresh processes one after another and prints the
 * median of each cell (each process's ratios are taken within that process).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { array, parallel, prange, shutdown } from "../index.js";
import { measureRounds } from "./stats.js";
// the same kernels the differential tests check against their plain loops
import { kmeans, matvec, stencil } from "../test/differential/shared-kernels.js";

type Arr = Float64Array | Int32Array;
type Args = (number | Arr)[];

interface Bench {
  readonly name: string;
  readonly title: string;
  /** the kernel with prange (compiled by parfor) */
  readonly kernel: (...a: never[]) => unknown;
  /** the same arithmetic with an ordinary for loop */
  readonly loop: (...a: never[]) => unknown;
  /** inputs; arrays made by `alloc` */
  readonly input: (alloc: <T extends Arr>(C: { new (n: number): T }, n: number) => T) => Args;
  /** calls per timed run */
  readonly calls: number;
  /** arguments for the C program: name and sizes */
  readonly c: string;
}

const fill = (a: Float64Array, seed: number, lo = -1, hi = 1): Float64Array => {
  let s = seed >>> 0 || 1;
  for (let i = 0; i < a.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = lo + ((hi - lo) * s) / 4294967296;
  }
  return a;
};

const MV = 2000;
const KM = { n: 200_000, d: 4, k: 10 };
const AX = 2_000_000;
const ST = 96;
const SI = 4_000_000;
const RM = 1_000_000;

export const benches: Bench[] = [
  {
    name: "matvec",
    title: `y = A x, ${MV}²`,
    kernel: matvec,
    loop: (A: Float64Array, x: Float64Array, y: Float64Array, n: number) => {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += A[i * n + j] * x[j];
        y[i] = s;
      }
    },
    input: (alloc) => [fill(alloc(Float64Array, MV * MV), 1), fill(alloc(Float64Array, MV), 2), alloc(Float64Array, MV), MV],
    calls: 4,
    c: `matvec ${MV}`,
  },
  {
    name: "kmeans",
    title: `k-means assign, ${KM.n} × ${KM.d} dims × ${KM.k}`,
    kernel: kmeans,
    loop: (p: Float64Array, cs: Float64Array, labels: Int32Array, n: number, d: number, k: number) => {
      let total = 0;
      for (let i = 0; i < n; i++) {
        let best = Infinity;
        let bestC = 0;
        for (let c = 0; c < k; c++) {
          let dist = 0;
          for (let j = 0; j < d; j++) {
            const t = p[i * d + j] - cs[c * d + j];
            dist += t * t;
          }
          if (dist < best) {
            best = dist;
            bestC = c;
          }
        }
        labels[i] = bestC;
        total += best;
      }
      return total;
    },
    input: (alloc) => [fill(alloc(Float64Array, KM.n * KM.d), 3, 0, 1), fill(alloc(Float64Array, KM.k * KM.d), 4, 0, 1), alloc(Int32Array, KM.n), KM.n, KM.d, KM.k],
    calls: 4,
    c: `kmeans ${KM.n} ${KM.d} ${KM.k}`,
  },
  {
    name: "axpy",
    title: `y = a x + y, ${AX}`,
    kernel: (a: number, x: Float64Array, y: Float64Array) => {
      for (const i of prange(y.length)) y[i] = a * x[i] + y[i];
    },
    loop: (a: number, x: Float64Array, y: Float64Array) => {
      for (let i = 0; i < y.length; i++) y[i] = a * x[i] + y[i];
    },
    input: (alloc) => [1.000001, fill(alloc(Float64Array, AX), 5), fill(alloc(Float64Array, AX), 6)],
    calls: 10,
    c: `axpy ${AX}`,
  },
  {
    name: "stencil3d",
    title: `7-point 3-D stencil, ${ST}³, B[i*m + j*n + k]`,
    kernel: stencil,
    loop: (A: Float64Array, B: Float64Array, n: number) => {
      const m = n * n;
      for (let i = 1; i < n - 1; i++) {
        for (let j = 1; j < n - 1; j++) {
          for (let k = 1; k < n - 1; k++) {
            const c = i * m + j * n + k;
            B[c] = (A[c - 1] + A[c + 1] + A[c - n] + A[c + n] + A[c - m] + A[c + m] - 6 * A[c]) * 0.1 + A[c];
          }
        }
      }
    },
    input: (alloc) => [fill(alloc(Float64Array, ST ** 3), 7), alloc(Float64Array, ST ** 3), ST],
    calls: 6,
    c: `stencil3d ${ST}`,
  },
  {
    name: "simpson",
    title: `Simpson, (2 + 2*(i&1)) * Math.exp(…), n = ${SI}`,
    kernel: (a: number, b: number, n: number) => {
      const h = (b - a) / n;
      let s = Math.exp(a) + Math.exp(b);
      for (const i of prange(1, n)) s += (2 + 2 * (i & 1)) * Math.exp(a + i * h);
      return (s * h) / 3;
    },
    loop: (a: number, b: number, n: number) => {
      const h = (b - a) / n;
      let s = Math.exp(a) + Math.exp(b);
      for (let i = 1; i < n; i++) s += (2 + 2 * (i & 1)) * Math.exp(a + i * h);
      return (s * h) / 3;
    },
    input: () => [0, 1, SI],
    calls: 3,
    c: `simpson ${SI}`,
  },
  {
    name: "roundmod",
    title: `Math.round(x) % L and floor, ${RM}`,
    kernel: (x: Float64Array, o: Float64Array, L: number) => {
      for (const i of prange(x.length)) o[i] = (Math.round(x[i] * 1000) % L) + Math.floor(x[i] * 10);
    },
    loop: (x: Float64Array, o: Float64Array, L: number) => {
      for (let i = 0; i < x.length; i++) o[i] = (Math.round(x[i] * 1000) % L) + Math.floor(x[i] * 10);
    },
    input: (alloc) => [fill(alloc(Float64Array, RM), 8, -1e4, 1e4), alloc(Float64Array, RM), 97],
    calls: 6,
    c: `roundmod ${RM}`,
  },
];

function argsOf(v: string[], name: string): string | undefined {
  const i = v.indexOf(name);
  return i >= 0 ? v[i + 1] : undefined;
}

/** Runs the C build on `spec` with `threads`: seconds per call. */
function cTime(exe: string, spec: string, threads: number, calls: number): number {
  const out = execFileSync(exe, [...spec.split(" "), String(calls)], { env: { ...process.env, OMP_NUM_THREADS: String(threads), OMP_PROC_BIND: "false" } }).toString();
  return Number(out.trim().split(/\s+/).pop());
}

/** Runs this script `procs` times in child processes (with --json) and prints the median of each cell. */
function parent(argv: string[], procs: number): void {
  const args = argv.filter((a, i) => a !== "--procs" && argv[i - 1] !== "--procs");
  const runs: string[][][] = [];
  for (let p = 0; p < procs; p++) {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), ...args, "--json"], { stdio: ["ignore", "pipe", "inherit"] }).toString();
    runs.push(JSON.parse(out.trim().split("\n").pop()!) as string[][]);
  }
  const med = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const rows = runs[0]!.map((row, r) => row.map((cell, c) => (c === 0 ? cell : med(runs.map((x) => Number(x[r]![c]))).toFixed(2))));
  table(rows, args.includes("--c"), `median of ${procs} processes`);
}

function table(rows: string[][], withC: boolean, note: string): void {
  const head = ["kernel", "JS loop ms", "parfor 1T ms", "parfor 2T ms", "1T speed-up", "2T speed-up"];
  if (withC) head.push("C 1T ms", "C 2T ms", "parfor 2T / C 2T", "C 2T ms, 128-bit vectors", "parfor 2T / that");
  console.log(`\n${note}\n| ` + head.join(" | ") + " |\n|" + head.map(() => "---").join("|") + "|");
  for (const r of rows) console.log("| " + r.join(" | ") + " |");
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const procs = Number(argsOf(argv, "--procs") ?? 1);
  if (procs > 1) return parent(argv, procs);
  const json = argv.includes("--json");
  const only = argsOf(argv, "--only")?.split(",");
  const runs = Number(argsOf(argv, "--runs") ?? 5);
  const withC = argv.includes("--c");
  const here = dirname(fileURLToPath(import.meta.url));
  const cExe = join(here, "../../bench/c/kernels");
  if (withC && (!existsSync(cExe) || !existsSync(cExe + "128"))) throw new Error(`build the C kernels first: make -C bench/c (${cExe}, ${cExe}128)`);
  const rows: string[][] = [];
  for (const b of benches) {
    if (only && !only.includes(b.name)) continue;
    const ordinary = <T extends Arr>(C: { new (n: number): T }, n: number): T => new C(n);
    const shared = <T extends Arr>(C: { new (n: number): T }, n: number): T => array(C as never, n) as unknown as T;
    const plainIn = b.input(ordinary);
    const k1 = parallel(b.kernel, { threads: 1 }) as unknown as (...a: Args) => unknown;
    const k2 = parallel(b.kernel, { threads: 2 }) as unknown as (...a: Args) => unknown;
    const in1 = b.input(shared);
    const in2 = b.input(shared);
    const loop = b.loop as unknown as (...a: Args) => unknown;
    const rep = (f: (...a: Args) => unknown, a: Args) => () => {
      let r: unknown;
      for (let c = 0; c < b.calls; c++) r = f(...a);
      return r;
    };
    // correctness first: results equal to the for loop's (a reduction may round differently)
    const ref = loop(...b.input(ordinary));
    for (const [k, a] of [[k1, in1], [k2, in2]] as const) {
      const got = k(...a);
      if (typeof ref === "number" && Math.abs((got as number) - ref) > 1e-9 * Math.abs(ref)) throw new Error(`${b.name}: ${got} vs ${ref}`);
    }
    // each timed block follows an untimed one, as the C program discards its first run: the
    // three inputs together exceed the L3 cache (axpy: 96 MB), so otherwise every block would
    // start by reading from DRAM what the C program finds in the cache (axpy 1 thread: 0.78 ms
    // a call timed after the others' blocks, 0.60 alone)
    const t = measureRounds(
      [
        { run: rep(loop, plainIn), setup: rep(loop, plainIn) },
        { run: rep(k1, in1), setup: rep(k1, in1) },
        { run: rep(k2, in2), setup: rep(k2, in2) },
      ],
      runs,
    ).map((x) => x.median / b.calls);
    const row = [b.name, t[0]!.toFixed(2), t[1]!.toFixed(2), t[2]!.toFixed(2), (t[0]! / t[1]!).toFixed(2), (t[0]! / t[2]!).toFixed(2)];
    if (withC) {
      const c1 = cTime(cExe, b.c, 1, b.calls * 3) * 1e3;
      const c2 = cTime(cExe, b.c, 2, b.calls * 3) * 1e3;
      const n2 = cTime(cExe + "128", b.c, 2, b.calls * 3) * 1e3;
      row.push(c1.toFixed(2), c2.toFixed(2), (t[2]! / c2).toFixed(2), n2.toFixed(2), (t[2]! / n2).toFixed(2));
    }
    rows.push(row);
    if (!json) console.log(row.join("\t"));
  }
  if (json) console.log(JSON.stringify(rows));
  else table(rows, withC, "one process");
  await shutdown();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
