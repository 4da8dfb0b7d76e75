/**
 * Chunks a cache line wide: a prange whose iterations write neighbouring elements (a column loop's
 * `A[i*n + j]` over j, `out[j] = …`) gets static and guided chunks of at least the iterations that
 * write one 64-byte line (LoopInfo.lineChunk), so two threads meet on a line only where their
 * chunks do, and a two-lane body gets pairs; the floor gives way to smaller chunks for loops of
 * fewer than 8 lines, and loops with reductions keep their chunks (their bits depend on them).
 * Chunks still depend on the count and the loop alone: results are the same on 1, 2 and 3 threads.
 */
import { afterAll, describe, expect, it } from "vitest";
import { compile, type ParamType } from "../../compiler/index.js";
import { array, parallel, prange, shutdown } from "../../index.js";
import { SCHED_DYNAMIC, SCHED_GUIDED, SCHED_STATIC } from "../../runtime/control.js";
import { chunkSizeFor, leastChunkOf, LOOP_FREE_CHUNK } from "../../runtime/dispatch.js";
import { Rng } from "../rng.js";

afterAll(async () => {
  await shutdown();
});

type Fn = (...a: never[]) => unknown;

/** The compiled loops' lineChunk fields (undefined where absent). */
function lineChunks(fn: Fn, params: readonly ParamType[]): (number | undefined)[] {
  const r = compile(fn.toString(), params);
  expect(r.compiled, r.diagnostics.map((d) => d.message).join("\n")).not.toBeNull();
  return r.compiled!.loops.map((l) => l.lineChunk);
}

const scaleColumns = (a: Float64Array, s: Float64Array, rows: number, cols: number) => {
  for (const j of prange(cols)) for (let i = 0; i < rows; i++) a[i * cols + j] = a[i * cols + j]! * s[j]! + i;
};
const scaleColumns32 = (a: Float32Array, s: Float32Array, rows: number, cols: number) => {
  for (const j of prange(cols)) for (let i = 0; i < rows; i++) a[i * cols + j] = a[i * cols + j]! * s[j]! + i;
};
const bytes = (a: Uint8Array, rows: number, cols: number) => {
  for (const j of prange(cols)) for (let i = 0; i < rows; i++) a[i * cols + j] = (i * 7 + j) & 255;
};
/** Rows in parallel: an iteration writes a row of its own, `cols` elements from the next one's. */
const rowsOf = (a: Float64Array, rows: number, cols: number) => {
  for (const i of prange(rows)) for (let j = 0; j < cols; j++) a[i * cols + j] = Math.sqrt(i + j);
};
/** Records of two doubles (16 bytes per iteration): 4 iterations per line. */
const pairs = (p: Float64Array, n: number) => {
  for (const e of prange(n)) {
    for (let k = 0; k < 3; k++) {
      p[2 * e] = p[2 * e]! + k;
      p[2 * e + 1] = p[2 * e + 1]! * 0.5;
    }
  }
};
/** A step of 4 over doubles: 32 bytes per iteration, 2 per line. */
const stepped = (a: Float64Array, n: number) => {
  for (const i of prange(0, n, 4)) for (let k = 0; k < 2; k++) a[i] = a[i]! + k;
};
/** A column sum into a scalar reduction: its chunks keep their size. */
const columnDot = (a: Float64Array, out: Float64Array, rows: number, cols: number): number => {
  let s = 0;
  for (const j of prange(cols)) {
    for (let i = 0; i < rows; i++) out[j] = out[j]! + a[i * cols + j]!;
    s += out[j]!;
  }
  return s;
};

describe("LoopInfo.lineChunk", () => {
  it("counts the iterations that write one 64-byte line", () => {
    expect(lineChunks(scaleColumns, ["Float64Array", "Float64Array", "s", "s"])).toEqual([8]);
    expect(lineChunks(scaleColumns32, ["Float32Array", "Float32Array", "s", "s"])).toEqual([16]);
    expect(lineChunks(bytes, ["Uint8Array", "s", "s"])).toEqual([64]);
    expect(lineChunks(pairs, ["Float64Array", "s"])).toEqual([4]);
    expect(lineChunks(stepped, ["Float64Array", "s"])).toEqual([2]);
  });

  it("is absent where iterations write apart (rows), and 2 for a two-lane body alone", () => {
    const r = compile(rowsOf.toString(), ["Float64Array", "s", "s"]);
    const info = r.compiled!.loops[0]!;
    expect(info.lineChunk).toBe(info.lanes === 2 ? 2 : undefined);
  });

  it("the runtime takes it as a floor for static and guided chunks, not dynamic, and not for reductions", () => {
    expect(chunkSizeFor(1000, SCHED_GUIDED, 1, 1, 8)).toBe(8);
    expect(chunkSizeFor(1000, SCHED_STATIC, 1, 1, 16)).toBe(16);
    expect(chunkSizeFor(40, SCHED_GUIDED, 1, 1, 8)).toBe(2); // fewer than 16 lines: 16 chunks (room for 16 threads)
    expect(chunkSizeFor(7, SCHED_GUIDED, 1, 1, 8)).toBe(1);
    expect(chunkSizeFor(1000, SCHED_DYNAMIC, 1, 1, 8)).toBe(1);
    expect(chunkSizeFor(1000, SCHED_GUIDED, 32, 1, 8)).toBe(32);
    expect(chunkSizeFor(100_000, SCHED_GUIDED, 1, 1, 8)).toBe(391);
    expect(chunkSizeFor(1000, SCHED_GUIDED, 1, LOOP_FREE_CHUNK, 8)).toBe(LOOP_FREE_CHUNK);
    const info = (fn: Fn, params: readonly ParamType[]) => compile(fn.toString(), params).compiled!.loops[0]!;
    expect(leastChunkOf(info(scaleColumns, ["Float64Array", "Float64Array", "s", "s"]))).toEqual([1, 8]);
    const dot = info(columnDot, ["Float64Array", "Float64Array", "s", "s"]);
    expect(dot.lineChunk).toBe(8);
    expect(leastChunkOf(dot)).toEqual([1, 1]);
  });
});

describe("results do not depend on the thread count", () => {
  const rng = new Rng(7);
  const cases: [string, Fn, () => unknown[]][] = [
    ["columns", scaleColumns, () => [rng.f64(37 * 61), rng.f64(61), 37, 61]],
    ["columns, Float32Array", scaleColumns32, () => [Float32Array.from(rng.f64(23 * 130)), Float32Array.from(rng.f64(130)), 23, 130]],
    ["bytes", bytes, () => [new Uint8Array(9 * 300), 9, 300]],
    ["pairs", pairs, () => [rng.f64(2 * 333), 333]],
    ["column sum", columnDot, () => [rng.f64(19 * 77), rng.f64(77), 19, 77]],
  ];
  for (const [name, fn, args] of cases) {
    it(name, () => {
      const input = args();
      const run = (f: Fn, shared: boolean): unknown[] => {
        const xs = input.map((x) => (ArrayBuffer.isView(x) ? (shared ? array.from(x as Float64Array) : (x as Float64Array).slice()) : x));
        const r = f(...(xs as never[]));
        return [r, ...xs.filter((x) => ArrayBuffer.isView(x)).map((x) => Array.from(x as Float64Array))];
      };
      const want = run(fn, false);
      for (const threads of [1, 2, 3]) {
        for (const schedule of ["static", "guided"] as const) {
          expect(run(parallel(fn, { threads, schedule }) as Fn, threads !== 3)).toEqual(want);
        }
      }
    });
  }
});
