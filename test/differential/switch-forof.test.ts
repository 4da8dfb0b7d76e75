/**
 * `switch` and `for (const x of a)` over typed arrays, compiled against the plain function at 1-4
 * threads for ordinary, parfor and view arrays: switch with fall-through, `default` first, in the
 * middle and absent, blocks in clauses, `continue` of the loop around it, labelled breaks, a
 * switch in a switch; for-of over every element kind, nested, with break/continue, over an empty
 * array, and over an array the loop writes (each element is read when its trip starts).
 */
import { describe } from "vitest";
import { prange } from "../../index.js";
import { diffAll, type Rng } from "./harness.js";

const small = (rng: Rng, c: number) => {
  const n = c === 0 ? 0 : rng.int(1, 400);
  return [rng.ints(n, -3, 6), n];
};
const cases = { cases: 5 };

describe("switch", () => {
  diffAll([
    ["clauses with break, fall-through and default last", (a: Float64Array, n: number): number => {
      let c = 0;
      for (const i of prange(n)) {
        switch (a[i]) {
          case 0:
          case 1:
            c += 10;
          // falls through
          case 2:
            c += 1;
            break;
          case 3:
            c -= 5;
            break;
          default:
            c += a[i] * 0.5;
        }
      }
      return c;
    }, small, cases],
    ["default first, and in the middle", (a: Float64Array, out: Float64Array, n: number) => {
      for (const i of prange(n)) {
        let v = 0;
        switch (a[i] | 0) {
          default:
            v += 100;
          // falls through
          case 4:
            v += 4;
            break;
          case -1:
            v -= 1;
        }
        switch (i % 5) {
          case 0:
            v *= 2;
            break;
          default:
            v += 1;
            break;
          case 3:
            v -= 7;
        }
        out[i] = v;
      }
    }, (rng: Rng, c: number) => {
      const [a, n] = small(rng, c) as [Float64Array, number];
      return [a, new Float64Array(n), n];
    }, cases],
    ["continue of the loop around a switch, labelled break, blocks and a switch in a switch", (a: Float64Array, n: number): number => {
      let c = 0;
      for (const i of prange(n)) {
        outer: for (let j = 0; j < 6; j++) {
          switch (j % 3) {
            case 1:
              continue;
            case 2: {
              const t = a[i] * j;
              switch (t > 4 ? 1 : 0) {
                case 1:
                  if (t > 20) break outer;
                  c += t;
                  break;
                default:
                  c -= 1;
              }
              break;
            }
            default:
              c += 1;
          }
          c += 0.25;
        }
      }
      return c;
    }, small, cases],
    ["no clause matches, no default; an empty switch", (a: Float64Array, n: number): number => {
      let c = 0;
      for (const i of prange(n)) {
        switch (a[i]) {
          case 100:
            c += 1;
        }
        switch (i) {
        }
        c += 1;
      }
      return c;
    }, small, cases],
  ]);
});

const ARRAYS = [Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray] as const;

describe("for (const x of a) over typed arrays", () => {
  for (const Kind of ARRAYS) {
    diffAll([
      [`${Kind.name}: sum and max of every element, inside a prange`, (w: Float64Array, a: Float64Array, out: Float64Array) => {
        for (const i of prange(out.length)) {
          let s = 0;
          let m = -Infinity;
          for (const x of a) {
            s += x * w[i];
            m = Math.max(m, x - i);
          }
          out[i] = s + m;
        }
      }, (rng: Rng, c: number) => {
        const n = c === 0 ? 0 : rng.int(1, 60);
        const a = Kind.from(rng.ints(c === 1 ? 0 : rng.int(1, 50), -300, 300));
        return [rng.f64(n), a, new Float64Array(n)];
      }, cases],
    ]);
  }
  diffAll([
    ["break, continue and a nested for-of over the same array", (a: Float64Array, n: number): number => {
      let c = 0;
      for (const i of prange(n)) {
        for (const x of a) {
          if (x < 0) continue;
          if (x > 4 + (i % 3)) break;
          for (const y of a) c += x * y;
        }
      }
      return c;
    }, (rng: Rng, c: number) => [rng.ints(c === 0 ? 0 : rng.int(1, 40), -2, 8), rng.int(0, 50)], cases],
    ["a serial for-of over an array the loop writes reads each element when its trip starts", (a: Float64Array): number => {
      let s = 0;
      let k = 0;
      for (const x of a) {
        if (k + 1 < a.length) a[k + 1] += x;
        s += x;
        k++;
      }
      return s;
    }, (rng: Rng, c: number) => [rng.f64(c === 0 ? 0 : rng.int(1, 300))], cases],
  ]);
});
