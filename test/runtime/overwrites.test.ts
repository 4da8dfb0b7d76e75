/**
 * An ordinary typed array that a call overwrites in full before it reads it is not copied into
 * shared memory (compiler/lower/overwrites.ts proves it, runtime/marshal.ts skips the copy when
 * the call's bound covers the array's length), and is copied back only when the call succeeds,
 * so its caller never sees the heap's stale bytes. Results must be the plain function's.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { ParamSlot } from "../../compiler/artifact.js";
import { compile } from "../../compiler/index.js";
import { parallel, prange, shutdown } from "../../index.js";
import type { KernelMeta } from "../../runtime/errors.js";
import { marshal } from "../../runtime/marshal.js";
import { alloc, currentBuffer, release } from "../../runtime/memory.js";

afterAll(() => shutdown());

type Sig = Parameters<typeof compile>[1];
const F = "Float64Array";

/** Each array parameter's overwrite bound, by name, with its row length as `inner` (null: copied in as before). */
function bounds(src: string, sig: Sig): Record<string, unknown> {
  const r = compile(src, sig);
  if (!r.compiled) throw new Error(r.diagnostics.map((d) => d.message).join("; "));
  return Object.fromEntries(r.compiled.params.filter((p) => p.kind === "array").map((p) => [p.name, p.kind === "array" && p.overwrites ? (p.overwrites.inner ? { ...p.overwrites.stop, inner: p.overwrites.inner } : p.overwrites.stop) : null]));
}

describe("the overwrite proof", () => {
  it("holds for a first full store at the index of prange(n) or prange(x.length)", () => {
    expect(bounds("(a, out, n) => { for (const i of prange(n)) out[i] = a[i] * 2; }", [F, F, "f"])).toEqual({ a: null, out: { param: 2 } });
    expect(bounds("(a, out, n) => { for (const i of prange(0, n, 1)) { const t = a[i] + 1; out[i] = t; } }", [F, F, "i"])).toEqual({ a: null, out: { param: 2 } });
    expect(bounds("(a, out) => { for (const i of prange(out.length)) out[i] = a[i]; }", [F, F])).toEqual({ a: null, out: { lengthOf: 1 } });
    // through a local that can only be the parameter
    expect(bounds("(S, out) => { const T = S; for (const i of prange(T.length)) out[i] = T[i]; }", [F, F])).toEqual({ S: null, out: { lengthOf: 0 } });
    // STREAM: c and b are each written in full by the first loop that touches them; a is read first
    const stream = "(a, b, c, s, n) => { for (const j of prange(n)) c[j] = a[j]; for (const j of prange(n)) b[j] = s * c[j]; for (const j of prange(n)) c[j] = a[j] + b[j]; for (const j of prange(n)) a[j] = b[j] + s * c[j]; }";
    expect(bounds(stream, [F, F, F, "f", "f"])).toEqual({ a: null, b: { param: 4 }, c: { param: 4 } });
  });

  it("holds for rows stored by a full inner loop, p[i * m + j] over j < m", () => {
    const matmul = "(A, B, C, n, m, p) => { for (const i of prange(n)) { for (let j = 0; j < m; j++) { let s = 0; for (let k = 0; k < p; k++) s += A[i * p + k] * B[k * m + j]; C[i * m + j] = s; } } }";
    expect(bounds(matmul, [F, F, F, "i", "i", "i"])).toEqual({ A: null, B: null, C: { param: 3, inner: { param: 4 } } });
    expect(bounds("(a, out, n, m) => { for (const i of prange(n)) { const r = i * 2; for (let j = 0; j < m; ++j) out[j + m * i] = a[r] + j; } }", [F, F, "f", "f"])).toEqual({ a: null, out: { param: 2, inner: { param: 3 } } });
    expect(bounds("(a, out, n) => { for (const i of prange(n)) for (let j = 0; j < a.length; j += 1) out[i * a.length + j] = a[j]; }", [F, F, "f"])).toEqual({ a: null, out: { param: 2, inner: { lengthOf: 0 } } });
    const none = (src: string) => expect(bounds(src, [F, "f", "f"]).out).toBeNull();
    none("(out, n, m) => { for (const i of prange(n)) for (let j = 0; j < m; j++) { out[i * m + j] = 1; if (j > 2) break; } }"); // ends a row early
    none("(out, n, m) => { for (const i of prange(n)) for (let j = 0; j < m; j++) { if (j === 1) continue; out[i * m + j] = 1; } }"); // skips one
    none("(out, n, m) => { for (const i of prange(n)) for (let j = 1; j < m; j++) out[i * m + j] = 1; }"); // starts at 1
    none("(out, n, m) => { for (const i of prange(n)) for (let j = 0; j < m; j += 2) out[i * m + j] = 1; }"); // every other
    none("(out, n, m) => { for (const i of prange(n)) for (let j = 0; j < m; j++) out[i * n + j] = 1; }"); // another row length
    none("(out, n, m) => { for (const i of prange(n)) for (let j = 0; j < m; j++) { out[i * m + j] = 1; j++; } }"); // counter assigned
    none("(out, n, m) => { for (const i of prange(n)) for (let j = 0; j <= m; j++) out[i * m + j] = 1; }"); // not j < m
  });

  it("does not hold when an element may be read first or left unwritten", () => {
    const none = (src: string, sig: Sig = [F, "f"]) => expect(Object.values(bounds(src, sig)).every((b) => b === null)).toBe(true);
    none("(out, n) => { for (const i of prange(n)) out[i] += 1; }"); // compound: reads
    none("(out, n) => { for (const i of prange(n)) { if (i > 2) out[i] = 1; } }"); // conditional
    none("(out, n) => { for (const i of prange(n)) { if (i === 2) continue; out[i] = 1; } }"); // skipped
    none("(out, n) => { for (const i of prange(1, n)) out[i] = 1; }"); // starts at 1
    none("(out, n) => { for (const i of prange(0, n, 2)) out[i] = 1; }"); // every other
    none("(out, n) => { for (const i of prange(n)) out[i + 1] = 1; }"); // not at the index
    none("(out, n) => { if (n > 5) return; for (const i of prange(n)) out[i] = 1; }"); // may not run
    none("(out, n) => { n = n - 1; for (const i of prange(n)) out[i] = 1; }"); // bound assigned
    none("(out, n) => { const x = out[0]; for (const i of prange(n)) out[i] = x; }"); // read before
    none("(out, n) => { for (const i of prange(n)) { out[i] = 1; out[i] = out[i] + 1; } }"); // read in the loop
    none("(out, n) => { for (let t = 0; t < n; t++) { for (const i of prange(n)) out[i] = t; } }"); // inside a serial loop
    none("(a, b, n, f) => { const o = f > 0 ? a : b; for (const i of prange(n)) o[i] = 1; }", [F, F, "f", "f"]); // may be either
  });
});

describe("marshalling an overwritten array", () => {
  const slots: ParamSlot[] = [
    { name: "out", kind: "array", array: F, offset: 0, lengthOffset: 4, read: false, written: true, overwrites: { stop: { param: 1 } } },
    { name: "n", kind: "f", offset: 8 },
    { name: "src", kind: "array", array: F, offset: 16, lengthOffset: 20, read: true, written: true },
  ];
  const meta = { id: -1, name: "k", frameSize: 24, params: slots } as unknown as KernelMeta;
  const heapAt = (frame: number, slot: number, n: number) => new Float64Array(currentBuffer(), new DataView(currentBuffer()).getUint32(frame + slot, true), n);

  it("is not copied in when the bound covers it, and is copied back only from a call that ran to its end", () => {
    const frame = alloc(24, 8);
    try {
      const data = Float64Array.from({ length: 64 }, (_, i) => Math.PI * (i + 1));
      for (const [n, copied] of [[64, false], [100, false], [63, true], [Number.NaN, true]] as const) {
        const out = data.slice();
        const src = data.slice();
        const m = marshal(meta, frame, [out, n, src]);
        const inHeap = heapAt(frame, 0, 64);
        expect(Array.from(heapAt(frame, 16, 64))).toEqual(Array.from(data)); // an ordinary read array is copied
        if (copied) expect(Array.from(inHeap)).toEqual(Array.from(data));
        else expect(inHeap.some((x, i) => x !== data[i])).toBe(true); // heap bytes, not the argument
        inHeap.fill(7);
        heapAt(frame, 16, 64).fill(8);
        m.finish(false);
        // a failed call: the overwritten array keeps the caller's values unless it was copied in
        expect(Array.from(out)).toEqual(copied ? new Array(64).fill(7) : Array.from(data));
        expect(src[0]).toBe(8); // copied arrays are copied back as before
      }
      const out = data.slice();
      const m = marshal(meta, frame, [out, 64, data.slice()]);
      heapAt(frame, 0, 64).fill(5);
      m.finish(true);
      expect(Array.from(out)).toEqual(new Array(64).fill(5));
    } finally {
      release(frame);
    }
  });
});

describe("kernels with overwritten arrays", () => {
  const scaled = (a: Float64Array, out: Float64Array, n: number) => {
    for (const i of prange(n)) out[i] = a[i] * 3 + 1;
  };
  const stream = (a: Float64Array, b: Float64Array, c: Float64Array, s: number, n: number) => {
    for (const j of prange(n)) c[j] = a[j];
    for (const j of prange(n)) b[j] = s * c[j];
    for (const j of prange(n)) c[j] = a[j] + b[j];
    for (const j of prange(n)) a[j] = b[j] + s * c[j];
  };
  /** leaves large heap blocks full of one value, which a skipped copy-in would expose */
  const fill = (x: Float64Array, v: number) => {
    for (const i of prange(x.length)) x[i] = x[i] * 0 + v;
  };
  const rand = (n: number, seed: number) => Float64Array.from({ length: n }, (_, i) => Math.sin(seed * 1000 + i) * 100);

  const rows = (a: Float64Array, out: Float64Array, n: number, m: number) => {
    for (const i of prange(n)) {
      for (let j = 0; j < m; j++) out[i * m + j] = a[j] * i + 0.5;
    }
  };

  for (const T of [1, 2, 4]) {
    it(`store rows: plain results for whole, short and empty bounds (${T} threads)`, () => {
      const k = parallel(rows, { threads: T, warnings: false });
      const dirt = parallel(fill, { threads: T, warnings: false });
      const a = rand(40, 3);
      for (const [len, n, m] of [[1200, 30, 40], [1200, 29, 40], [1200, 30, 39], [1200, 0, 40], [7, 7, 1]] as const) {
        dirt(new Float64Array(len + 64), -4242);
        const want = rand(len, 9);
        const got = want.slice();
        rows(a, want, n, m);
        k(a, got, n, m);
        expect(got).toEqual(want);
      }
      // a call that fails part-way leaves the array as it was
      const out = rand(1200, 5);
      const before = out.slice();
      expect(() => k(a, out, 30, 41)).toThrow(RangeError);
      expect(out).toEqual(before);
    });

    it(`give the plain function's results after the heap held other data (${T} threads)`, () => {
      const k = parallel(scaled, { threads: T, warnings: false });
      const s = parallel(stream, { threads: T, warnings: false });
      const dirt = parallel(fill, { threads: T, warnings: false });
      for (const n of [1, 7, 1000, 100_003]) {
        dirt(new Float64Array(n + 64), -12345);
        const a = rand(n, n);
        for (const bound of [n, n - 1, 0]) {
          const want = rand(n, 7);
          const got = want.slice();
          scaled(a, want, bound);
          k(a, got, bound);
          expect(got).toEqual(want);
        }
        dirt(new Float64Array(3 * n + 64), -777);
        const [pa, pb, pc] = [rand(n, 1), rand(n, 2), rand(n, 3)];
        const [qa, qb, qc] = [pa.slice(), pb.slice(), pc.slice()];
        stream(pa, pb, pc, 3, n);
        s(qa, qb, qc, 3, n);
        expect([qa, qb, qc]).toEqual([pa, pb, pc]);
      }
    });

    it(`leave the array as it was when the call fails (${T} threads)`, () => {
      const k = parallel(scaled, { threads: T, warnings: false });
      const a = rand(1000, 1);
      const out = rand(2000, 2);
      const before = out.slice();
      // a has 1000 elements: the read a[1000] is out of bounds
      expect(() => k(a, out, 2000)).toThrow(RangeError);
      expect(out).toEqual(before);
      k(a, out, 1000); // and the kernel still works
      expect(out[999]).toBe(a[999]! * 3 + 1);
      expect(out[1000]).toBe(before[1000]);
    });
  }
});
