/**
 * The guided schedule's range words (runtime/dispatch.ts runRanges): every thread starts on its
 * static home block and steals the back half of others' blocks when its own is done. Whatever the
 * interleaving, every chunk must run exactly once; these tests drive runShare directly (thread 0
 * here, the other threads as real worker threads on the same shared control block).
 */
import { describe, expect, it } from "vitest";
import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { CONTROL_INTS, ERROR, RANGE_MAX_CHUNKS, rangeField, SCHED_GUIDED, SCHED_STATIC } from "../../runtime/control.js";
import { runShare, setHomeBlocks } from "../../runtime/dispatch.js";

const ctlOf = (): Int32Array => new Int32Array(new SharedArrayBuffer(CONTROL_INTS * 4));

describe("guided range words", () => {
  it("one thread alone runs its own block first, in order, then steals every other block, each chunk once", () => {
    for (const [chunks, T] of [[30, 2], [30, 3], [7, 4], [1, 3], [256, 16], [5, 8]] as const) {
      const ctl = ctlOf();
      setHomeBlocks(ctl, chunks, T);
      const seen: number[] = [];
      const chunk = 3;
      const count = chunks * chunk - 1; // a short last chunk
      const ran = runShare(ctl, (_f, lo, hi) => void seen.push(lo / chunk, hi), 0, count, chunk, chunks, SCHED_GUIDED, 0, 0, 0, T);
      expect(ran).toBe(count);
      const order = seen.filter((_, i) => i % 2 === 0);
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: chunks }, (_, c) => c));
      const home = Math.floor(chunks / T);
      expect(order.slice(0, home)).toEqual(Array.from({ length: home }, (_, c) => c));
      for (let t = 0; t < T; t++) {
        const w = ctl[rangeField(t)]!;
        expect(w >>> 16).toBeGreaterThanOrEqual(w & 0xffff);
      }
    }
  });

  it("chunk numbers up to RANGE_MAX_CHUNKS fit a word; more fall back to claims on one counter", () => {
    const ctl = ctlOf();
    const chunks = RANGE_MAX_CHUNKS + 2;
    let ran = 0;
    const got = runShare(ctl, () => void ran++, 0, chunks, 1, chunks, SCHED_GUIDED, 0, 0, 0, 2);
    expect(ran).toBe(chunks);
    expect(got).toBe(chunks);
  });

  it("stops claiming once ERROR is set", () => {
    const ctl = ctlOf();
    setHomeBlocks(ctl, 40, 2);
    let calls = 0;
    runShare(ctl, () => {
      if (++calls === 3) Atomics.store(ctl, ERROR, 5);
    }, 0, 40, 1, 40, SCHED_GUIDED, 0, 0, 0, 2);
    expect(calls).toBe(3);
  });

  it("with real threads racing for the words, every chunk runs exactly once, and static is unchanged", async () => {
    const dispatch = fileURLToPath(new URL("../../dist/runtime/dispatch.js", import.meta.url));
    for (const [chunks, T, schedule] of [[256, 4, SCHED_GUIDED], [97, 3, SCHED_GUIDED], [200, 4, SCHED_STATIC]] as const) {
      for (let round = 0; round < 3; round++) {
        const ctl = ctlOf();
        if (schedule === SCHED_GUIDED) setHomeBlocks(ctl, chunks, T);
        const hits = new Int32Array(new SharedArrayBuffer(chunks * 4));
        const go = new Int32Array(new SharedArrayBuffer(4));
        // uneven chunks (a triangular loop): later chunks spin longer, so the early threads steal
        const code = `
          const { workerData: d } = require("node:worker_threads");
          import(${JSON.stringify("file://" + dispatch)}).then(({ runShare }) => {
            while (Atomics.load(d.go, 0) === 0);
            runShare(d.ctl, (_f, lo) => { Atomics.add(d.hits, lo, 1); const until = Date.now() + lo / 64; while (Date.now() < until); }, 0, d.chunks, 1, d.chunks, d.schedule, 0, 0, d.t, d.T);
            require("node:worker_threads").parentPort.postMessage("done");
          });`;
        const workers = Array.from({ length: T - 1 }, (_, i) => new Worker(code, { eval: true, workerData: { ctl, hits, go, chunks, schedule, t: i + 1, T } }));
        const done = workers.map((w) => new Promise<void>((res, rej) => (w.once("message", () => res()), w.once("error", rej))));
        Atomics.store(go, 0, 1);
        runShare(ctl, (_f, lo) => void Atomics.add(hits, lo, 1), 0, chunks, 1, chunks, schedule, 0, 0, 0, T);
        await Promise.all(done);
        await Promise.all(workers.map((w) => w.terminate()));
        expect([...hits].every((h) => h === 1)).toBe(true);
      }
    }
  }, 60_000);
});
