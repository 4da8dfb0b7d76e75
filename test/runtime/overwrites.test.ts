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

/** Each array parameter's overwrite bound, by name, with its row lengths as `inner` (null: copied in as before). */
function bounds(src: string, sig: Sig): Record<string, unknown> {
  const r = compile(src, sig);
  if (!r.compiled) throw new Error(r.diagnostics.map((d) => d.message).join("; "));
  return Object.fromEntries(r.compiled.params.filter((p) => p.kind === "array").map((p) => [p.name, p.kind === "array" && p.overwrites ? (p.overwrites.inner || p.overwrites.width ? { ...p.overwrites.stop, ...(p.overwrites.inner ? { inner: p.overwrites.inner } : {}), ...(p.overwrites.width ? { width: p.overwrites.width } : {}) } : p.overwrites.stop) : null]));
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
    expect(bounds(matmul, [F, F, F, "i", "i", "i"])).toEqual({ A: null, B: null, C: { param: 3, inner: [{ param: 4 }] } });
    expect(bounds("(a, out, n, m) => { for (const i of prange(n)) { const r = i * 2; for (let j = 0; j < m; ++j) out[j + m * i] = a[r] + j; } }", [F, F, "f", "f"])).toEqual({ a: null, out: { param: 2, inner: [{ param: 3 }] } });
    expect(bounds("(a, out, n) => { for (const i of prange(n)) for (let j = 0; j < a.length; j += 1) out[i * a.length + j] = a[j]; }", [F, F, "f"])).toEqual({ a: null, out: { param: 2, inner: [{ lengthOf: 0 }] } });
    const none = (src: string) => expect(bounds(src, [F, "f", "f"]).out).toBeNull();
    none("(out, n, m) => { for (const i of prange(n)) for (let j = 0; j < m; j++) { out[i * m + j] = 1; if (j > 2) break; } }"); // ends a row early
    none("(out, n, m) => { for (const i of prange(n)) for (let j = 0; j < m; j++) { if (j === 1) continue; out[i * m + j] = 1; } }"); // skips one
    none("(out, n, m) => { for (const i of prange(n)) for (let j = 1; j < m; j++) out[i * m + j] = 1; }"); // starts at 1
    none("(out, n, m) => { for (const i of prange(n)) for (let j = 0; j < m; j += 2) out[i * m + j] = 1; }"); // every other
    none("(out, n, m) => { for (const i of prange(n)) for (let j = 0; j < m; j++) out[i * n + j] = 1; }"); // another row length
    none("(out, n, m) => { for (const i of prange(n)) for (let j = 0; j < m; j++) { out[i * m + j] = 1; j++; } }"); // counter assigned
    none("(out, n, m) => { for (const i of prange(n)) for (let j = 0; j <= m; j++) out[i * m + j] = 1; }"); // not j < m
    none("(out, n, m) => { for (const i of prange(n)) for (let j = m - 1; j > 0; j--) out[i * m + j] = 1; }"); // leaves j = 0
    none("(out, n, m) => { for (const i of prange(n)) for (let j = m; j >= 0; j--) out[i * m + j] = 1; }"); // starts at m
    none("(out, n, m) => { for (const i of prange(n)) { for (let j = 0; j < m; j++) out[i * m + j] = 1; out[i] += 1; } }"); // read after the row
  });

  it("holds for rows descending, rows of rows, and reads of the element just stored", () => {
    // Deriche's anticausal pass: for (let j = h - 1; j >= 0; j--)
    expect(bounds("(x, y, w, h) => { for (const i of prange(w)) { let t = 0; for (let j = h - 1; j >= 0; j--) { y[i * h + j] = x[i * h + j] + t; t = y[i * h + j]; } } }", [F, F, "f", "f"]))
      .toEqual({ x: null, y: { param: 2, inner: [{ param: 3 }] } });
    // NPB FT's twiddle: three levels, written either way round
    const sig: Sig = [F, "f", "f", "f"];
    expect(bounds("(tw, d1, d2, d3) => { for (const k of prange(d3)) for (let j = 0; j < d2; j++) for (let i = 0; i < d1; i++) tw[(k * d2 + j) * d1 + i] = i + j + k; }", sig))
      .toEqual({ tw: { param: 3, inner: [{ param: 2 }, { param: 1 }] } });
    expect(bounds("(tw, d1, d2, d3) => { for (const k of prange(d3)) for (let j = 0; j < d2; j++) for (let i = 0; i < d1; i++) tw[i + d1 * j + k * d1 * d2] = 1; }", sig))
      .toEqual({ tw: { param: 3, inner: [{ param: 2 }, { param: 1 }] } });
    expect(bounds("(tw, d1, d2, d3) => { for (const k of prange(d3)) for (let j = 0; j < d2; j++) for (let i = 0; i < d1; i++) tw[(k * d1 + j) * d2 + i] = 1; }", sig).tw).toBeNull(); // sizes swapped
    expect(bounds("(tw, d1, d2, d3) => { for (const k of prange(d3)) for (let j = 0; j < d2; j++) for (let i = 0; i < d1; i++) tw[(k * d2 + i) * d1 + j] = 1; }", sig).tw).toBeNull(); // counters swapped
    // gesummv: tmp[i] = 0, then accumulated and read at i; 2mm: tmp[i * nj + j] = 0, then += over k
    const gesummv = "(n, A, x, tmp, y) => { for (const i of prange(n)) { tmp[i] = 0.0; y[i] = 0.0; for (let j = 0; j < n; j++) { tmp[i] = A[i * n + j] * x[j] + tmp[i]; y[i] += A[j * n + i] * x[j]; } y[i] = 2 * tmp[i] + y[i]; } }";
    expect(bounds(gesummv, ["f", F, F, F, F])).toEqual({ A: null, x: null, tmp: { param: 0 }, y: { param: 0 } });
    const mm = "(ni, nj, nk, A, B, tmp) => { for (const i of prange(ni)) for (let j = 0; j < nj; j++) { tmp[i * nj + j] = 0.0; for (let k = 0; k < nk; ++k) tmp[i * nj + j] += A[i * nk + k] * B[k * nj + j]; } }";
    expect(bounds(mm, ["f", "f", "f", F, F, F])).toEqual({ A: null, B: null, tmp: { param: 0, inner: [{ param: 1 }] } });
    // NPB FT's evolve: records of two (re, im) at 2 * e, e a const local of the counters
    const evolve = "(u0, u1, tw, d1, d2, d3) => { for (const k of prange(d3)) for (let j = 0; j < d2; j++) for (let i = 0; i < d1; i++) { const e = (k * d2 + j) * d1 + i; u0[2 * e] = u0[2 * e] * tw[e]; u0[2 * e + 1] = u0[2 * e + 1] * tw[e]; u1[2 * e] = u0[2 * e]; u1[2 * e + 1] = u0[2 * e + 1]; } }";
    expect(bounds(evolve, [F, F, F, "f", "f", "f"])).toEqual({ u0: null, tw: null, u1: { param: 5, inner: [{ param: 4 }, { param: 3 }], width: 2 } });
    expect(bounds("(out, n) => { for (const i of prange(n)) { out[3 * i + 2] = 1; out[3 * i] = 2; out[3 * i + 1] = 3; out[3 * i] += out[3 * i + 2]; } }", [F, "f"]).out).toEqual({ param: 1, width: 3 });
    const none = (src: string) => expect(bounds(src, [F, "f"]).out).toBeNull();
    none("(out, n) => { for (const i of prange(n)) { out[2 * i] = 1; out[2 * i + 2] = 1; } }"); // leaves 2i + 1
    none("(out, n) => { for (const i of prange(n)) { out[2 * i] = 1; out[2 * i] = 2; } }"); // the same element twice
    none("(out, n) => { for (const i of prange(n)) { out[2 * i] = 1; const t = 0; out[2 * i + 1] = 1; } }"); // not one run
    none("(out, n) => { for (const i of prange(n)) { let e = i; e = 0; out[e] = 1; } }"); // a local assigned again
    // the polynomial is i, but doubles round i + n - n for a huge n: only + and * are admitted
    none("(out, n) => { for (const i of prange(n)) out[i + n - n] = 1; }");
    expect(bounds("(out, n, big) => { for (const i of prange(n)) out[i + big - big] = 1; }", [F, "f", "f"]).out).toBeNull();
    expect(bounds("(out, n, m, q) => { for (const i of prange(n)) for (let j = 0; j < m; j++) out[i * m + j + q * 0] = 1; }", [F, "f", "f", "f"]).out).toBeNull(); // q is not a row length
    none("(out, n) => { for (const i of prange(n)) { out[i] = 1; out[i] += out[i + n - n]; } }"); // a read the same way
    none("(out, n) => { for (const i of prange(n)) { out[2 * i] = 1; out[2 * i + 1] = out[2 * i + 2]; } }"); // reads the next record
    // a store elsewhere after the covering one reads nothing
    expect(bounds("(out, n) => { for (const i of prange(n)) { out[i] = 1; out[0] = 2; } }", [F, "f"]).out).toEqual({ param: 1 });
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
    none("(out, n) => { for (const i of prange(n)) { out[i] = 1; out[i] = out[i + 1] + 1; } }"); // reads another element
    none("(out, n) => { for (const i of prange(n)) { out[i] = out[i] + 1; } }"); // reads before the store
    none("(out, n) => { for (const i of prange(n)) { out[i] = 1; out[i - 1] += 1; } }"); // updates another element
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

  /** NPB FT's twiddle layout, Deriche's anticausal row, and gesummv's accumulate-then-read */
  const cube = (tw: Float64Array, d1: number, d2: number, d3: number) => {
    for (const k of prange(d3)) for (let j = 0; j < d2; j++) for (let i = 0; i < d1; i++) tw[(k * d2 + j) * d1 + i] = i * 0.25 + j + k * 100;
  };
  const anticausal = (x: Float64Array, y: Float64Array, w: number, h: number) => {
    for (const i of prange(w)) {
      let t = 0;
      for (let j = h - 1; j >= 0; j--) {
        y[i * h + j] = x[i * h + j] + 0.5 * t;
        t = y[i * h + j];
      }
    }
  };
  const accumulate = (n: number, A: Float64Array, x: Float64Array, tmp: Float64Array) => {
    for (const i of prange(n)) {
      tmp[i] = 0.0;
      for (let j = 0; j < n; j++) tmp[i] = A[i * n + j] * x[j] + tmp[i];
      tmp[i] = tmp[i] * 2 + 1;
    }
  };

  const records = (u: Float64Array, tw: Float64Array, d1: number, d2: number) => {
    for (const k of prange(d2)) {
      for (let i = 0; i < d1; i++) {
        const e = k * d1 + i;
        u[2 * e] = tw[e] * 2;
        u[2 * e + 1] = tw[e] - u[2 * e];
      }
    }
  };

  /** the index's polynomial is i, but (i + big) - big rounds to 0 for a huge big: every store hits out[0] */
  const rounded = (out: Float64Array, n: number, big: number) => {
    for (const i of prange(n)) out[i + big - big] = i + 1;
  };

  it("an index whose double arithmetic rounds is not taken for a full overwrite (nor for independent writes)", () => {
    // every iteration may write one element, so the race analysis reports it (PF2006) and its
    // result on several threads depends on their timing: the copy-in is checked on one
    const k = parallel(rounded, { threads: 1, warnings: false });
    expect(k.diagnostics.map((d) => d.code)).toContain("PF2006");
    const dirt = parallel(fill, { threads: 2, warnings: false });
    for (const big of [0, 1e20]) {
      dirt(new Float64Array(1000 + 64), -17);
      const want = rand(1000, 3);
      const got = want.slice();
      rounded(want, 1000, big);
      k(got, 1000, big);
      expect(got).toEqual(want);
    }
  });

  for (const T of [1, 2, 4]) {
    it(`records of two (re, im): plain results over dirty heap, whole and short bounds (${T} threads)`, () => {
      const k = parallel(records, { threads: T, warnings: false });
      const dirt = parallel(fill, { threads: T, warnings: false });
      const tw = rand(600, 8);
      for (const [d1, d2] of [[20, 15], [20, 14], [19, 15], [1, 300], [0, 15]] as const) {
        dirt(new Float64Array(600 + 64), -31);
        const want = rand(600, 9);
        const got = want.slice();
        records(want, tw, d1, d2);
        k(got, tw, d1, d2);
        expect(got).toEqual(want);
      }
    });

    it(`rows of rows, descending rows and reads of the stored element: plain results over dirty heap (${T} threads)`, () => {
      const [kc, ka, kg] = [parallel(cube, { threads: T, warnings: false }), parallel(anticausal, { threads: T, warnings: false }), parallel(accumulate, { threads: T, warnings: false })];
      const dirt = parallel(fill, { threads: T, warnings: false });
      for (const [d1, d2, d3] of [[8, 6, 5], [8, 6, 4], [1, 1, 1], [0, 6, 5], [16, 16, 16]] as const) {
        const len = 8 * 6 * 5;
        dirt(new Float64Array(4096 + 64), -99);
        const want = rand(Math.max(len, 4096), 4);
        const got = want.slice();
        cube(want, d1, d2, d3);
        if (d1 * d2 * d3 > want.length) expect(() => kc(got, d1, d2, d3)).toThrow(RangeError);
        else kc(got, d1, d2, d3);
        if (d1 * d2 * d3 <= want.length) expect(got).toEqual(want);
      }
      for (const [w, h] of [[20, 30], [20, 29], [1, 600], [0, 30]] as const) {
        dirt(new Float64Array(600 + 64), -55);
        const x = rand(600, 1);
        const want = rand(600, 2);
        const got = want.slice();
        anticausal(x, want, w, h);
        ka(x, got, w, h);
        expect(got).toEqual(want);
      }
      for (const n of [1, 17, 300]) {
        dirt(new Float64Array(n + 64), -3);
        const A = rand(n * n, 5);
        const x = rand(n, 6);
        const want = rand(n, 7);
        const got = want.slice();
        accumulate(n, A, x, want);
        kg(n, A, x, got);
        expect(got).toEqual(want);
      }
    });

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
