/**
 * Generated stencil kernels against the plain function: const indices with neighbours at c ± 1
 * and c ± w (base pointers, lower/pointers.ts), inner loops on lanes over their counter with
 * one or two pairs a turn (vector.ts), loop-free pranges with merged chunks (runtime/dispatch.ts),
 * Float64Array, Float32Array and Int32Array sources, under conditions and not. Every kernel is
 * race-free; results must be the plain function's exactly at 1, 2 and 3 threads.
 */
import { describe, expect, test } from "vitest";
import { parallel, prange } from "../../index.js";
import { Rng } from "../rng.js";

type Kind = "Float64Array" | "Float32Array" | "Int32Array";
const KINDS: readonly Kind[] = ["Float64Array", "Float32Array", "Int32Array"];

/** One random kernel (A, B, n, w) over an n × w grid, B written only at its own element. */
function generate(rng: Rng): { src: string; kind: Kind } {
  const offs = ["c - 1", "c + 1", "c - w", "c + w", "c"];
  const terms: string[] = [];
  const count = rng.int(2, 6);
  for (let t = 0; t < count; t++) terms.push(`${rng.int(1, 4)} * A[${offs[rng.int(0, offs.length - 1)]}]`);
  const value = terms.join(rng.bool() ? " + " : " - ");
  const store = rng.bool() ? `B[c] = ${value};` : `if (k % 2 === ${rng.int(0, 1)}) B[c] = ${value}; else B[c] = A[c];`;
  const kind = KINDS[rng.int(0, KINDS.length - 1)]!;
  switch (rng.int(0, 2)) {
    case 0: // the index declared in the inner loop
      return { kind, src: `(A, B, n, w) => { for (const i of prange(1, n - 1)) { for (let k = 1; k < w - 1; k++) { const c = i * w + k; ${store} } } }` };
    case 1: // a row pointer declared in the prange body, the inner loop adding k
      return { kind, src: `(A, B, n, w) => { for (const i of prange(1, n - 1)) { const r = i * w; for (let k = 1; k < w - 1; k++) { const c = r + k; ${store} } } }` };
    default: // a flat loop-free prange over the interior
      return { kind, src: `(A, B, n, w) => { for (const c of prange(w + 1, n * w - w - 1)) { const k = c % w; ${store.replace(/B\[c\] = A\[c\]/, "B[c] = A[c] * 2")} } }` };
  }
}

const make = (kind: Kind, len: number, rng: Rng): Float64Array | Float32Array | Int32Array => {
  if (kind === "Int32Array") return Int32Array.from({ length: len }, () => rng.int(-1000, 1000));
  const a = kind === "Float32Array" ? new Float32Array(len) : new Float64Array(len);
  for (let i = 0; i < len; i++) a[i] = rng.float(-2, 2);
  return a;
};

describe("generated stencils against the plain function", () => {
  for (let seed = 1; seed <= 24; seed++) {
    test(`seed ${seed}`, () => {
      const rng = new Rng(seed);
      const { src, kind } = generate(rng);
      const fn = new Function("prange", `return ${src};`)(prange) as (A: unknown, B: Float64Array, n: number, w: number) => void;
      const [n, w] = [rng.int(3, 40), rng.int(3, 70)];
      const A = make(kind, n * w, rng);
      const ref = new Float64Array(n * w).fill(-7);
      fn(A, ref, n, w);
      for (const threads of [1, 2, 3]) {
        const B = new Float64Array(n * w).fill(-7);
        parallel(fn, { threads, warnings: false })(A, B, n, w);
        expect(Array.from(B), `${src} (${kind}, n ${n}, w ${w}, ${threads} threads)`).toEqual(Array.from(ref));
      }
    });
  }
});
