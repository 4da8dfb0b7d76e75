/** Control flow inside and around prange bodies: branches, inner loops, nested and repeated pranges, ++/--, compound assignments. */
import { describe } from "vitest";
import { prange } from "../../index.js";
import { diffAll, type Rng } from "./harness.js";

const arr = (rng: Rng) => {
  const n = rng.int(1, 600);
  return [rng.ints(n, -50, 50), new Float64Array(n)];
};
const mixedArr = (rng: Rng) => {
  const n = rng.int(1, 400);
  return [rng.mixed(n), new Float64Array(n)];
};

describe("branches", () => {
  diffAll([
    ["if / else if / else chain", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) {
        if (a[i] > 20) o[i] = 1;
        else if (a[i] > 0) o[i] = 2;
        else if (a[i] === 0) o[i] = -0;
        else o[i] = a[i] * 2;
      }
    }, arr],
    ["if without else leaves elements untouched", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) { if (a[i] % 3 === 0) o[i] = a[i]; }
    }, (rng: Rng) => { const n = rng.int(1, 600); return [rng.ints(n), rng.ints(n, 100, 200)]; }],
    ["nested if with && / || conditions over NaN", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) {
        if (a[i] > 0 || a[i] !== a[i]) { if (a[i] < 10 && i % 2 === 0) o[i] = 1; else o[i] = 2; } else o[i] = 3;
      }
    }, mixedArr],
    ["continue in the prange body skips the rest of the iteration", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) {
        if (a[i] < 0) continue;
        o[i] = a[i] + 1;
      }
    }, arr],
    ["block-scoped shadowing: let x in nested blocks", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) {
        let x = a[i];
        { let x = 2; o[i] = x; }
        { const x = 3; o[i] += x * 10; }
        o[i] += x * 100;
      }
    }, arr],
  ]);
});

describe("inner serial loops in a prange body", () => {
  diffAll([
    ["inner for with break and continue", (a: Float64Array, o: Float64Array) => {
      const n = o.length;
      for (const i of prange(n)) {
        let s = 0;
        for (let j = 0; j < 20; j++) {
          if (j === i % 7) continue;
          if (j > 15 || i + j >= n) break;
          s += a[i + j] * j;
        }
        o[i] = s;
      }
    }, arr],
    ["while loop with a data-dependent trip count (Collatz steps)", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) {
        let x = Math.abs(a[i]) + i + 1;
        let steps = 0;
        while (x !== 1) { x = x % 2 === 0 ? x / 2 : 3 * x + 1; steps++; }
        o[i] = steps;
      }
    }, arr],
    ["do-while runs at least once", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) {
        let k = 0;
        let x = a[i];
        do { x = x / 2; k++; } while (Math.abs(x) > 1);
        o[i] = k * 1000 + x;
      }
    }, arr],
    ["labelled continue and break across two inner loops", (a: Float64Array, o: Float64Array) => {
      const n = o.length;
      for (const i of prange(n)) {
        let c = 0;
        outer: for (let j = 0; j < 6; j++) {
          for (let k = 0; k < 6; k++) {
            if (k === j) continue outer;
            if (j * k > 12) break outer;
            c += a[(i + j * k) % n];
          }
        }
        o[i] = c;
      }
    }, arr],
    ["inner for loop counting down with a compound step", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) {
        let s = 0;
        for (let j = 10; j > 0; j -= 3) s = s * 2 + j + a[i];
        o[i] = s;
      }
    }, arr],
    ["inner while(true) with break", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) {
        let k = 0;
        while (true) { k++; if (k * k > Math.abs(a[i])) break; }
        o[i] = k;
      }
    }, arr],
  ]);
});

describe("several prange loops and nesting", () => {
  diffAll([
    ["two pranges in sequence: the second reads what the first wrote", (a: Float64Array, o: Float64Array, p: Float64Array) => {
      const n = o.length;
      for (const i of prange(n)) o[i] = a[i] * 2;
      for (const i of prange(n)) p[i] = o[n - 1 - i] + o[i];
    }, (rng: Rng) => { const n = rng.int(1, 3000); return [rng.ints(n), new Float64Array(n), new Float64Array(n)]; }],
    ["three pranges and serial code between them; returns a value computed after", (a: Float64Array, o: Float64Array) => {
      const n = o.length;
      for (const i of prange(n)) o[i] = a[i] + 1;
      const mid = o[n >> 1];
      for (const i of prange(n)) o[i] = o[i] * mid;
      let last = 0;
      for (const i of prange(1, n)) o[i] = o[i] - o[0];
      last = o[n - 1];
      return last + mid;
    }, (rng: Rng) => { const n = rng.int(1, 3000); return [rng.ints(n), new Float64Array(n)]; }],
    ["prange inside a serial for loop (time steps of a stencil)", (a: Float64Array, b: Float64Array) => {
      const n = a.length;
      for (let t = 0; t < 6; t++) {
        for (const i of prange(1, n - 1)) b[i] = (a[i - 1] + a[i] * 2 + a[i + 1]) / 4;
        for (const i of prange(1, n - 1)) a[i] = b[i];
      }
    }, (rng: Rng) => { const n = rng.int(2, 2000); return [rng.f64(n), new Float64Array(n)]; }],
    ["prange nested in a prange (inner runs serially)", (a: Float64Array, o: Float64Array) => {
      const n = o.length;
      for (const i of prange(n)) {
        let s = 0;
        for (const j of prange(i + 1)) s += a[j] * (j + 1);
        o[i] = s;
      }
    }, (rng: Rng) => { const n = rng.int(1, 400); return [rng.ints(n), new Float64Array(n)]; }],
    ["2-D: prange over rows, serial over columns", (a: Float64Array, o: Float64Array, cols: number) => {
      const rows = Math.floor(a.length / cols);
      for (const r of prange(rows)) {
        for (let c = 0; c < cols; c++) o[r * cols + c] = a[r * cols + c] * r - c;
      }
    }, (rng: Rng) => { const cols = rng.int(1, 40); const rows = rng.int(1, 60); return [rng.ints(rows * cols), new Float64Array(rows * cols), cols]; }],
    ["prange over rows inside a serial loop over columns, reading a row written earlier", (m: Float64Array, cols: number) => {
      const rows = m.length / cols;
      for (let c = 1; c < cols; c++) {
        for (const r of prange(rows)) m[r * cols + c] += m[r * cols + c - 1];
      }
    }, (rng: Rng) => { const cols = rng.int(1, 30); const rows = rng.int(1, 50); return [rng.ints(rows * cols), cols]; }],
  ]);
});

describe("++ / -- and compound assignments on scalars", () => {
  diffAll([
    ["postfix and prefix ++/-- as expressions", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) {
        let k = a[i];
        const p1 = k++;
        const p2 = ++k;
        const p3 = k--;
        const p4 = --k;
        o[i] = p1 * 1000 + p2 * 100 + p3 * 10 + p4 + k * 0.5;
      }
    }, arr],
    ["++/-- on fractional, NaN and -0 values", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) { let k = a[i]; k++; let m = a[i]; m--; o[i] = k + m; }
    }, mixedArr],
    ["++ on an int32 local crossing 2^31 - 1", (o: Float64Array) => {
      for (const i of prange(o.length)) { let k = 2147483640 + i; k++; k++; o[i] = k; let m = -2147483640 - i; m--; m--; o[i] += m * 3; }
    }, (rng: Rng) => [new Float64Array(rng.int(1, 100))]],
    ["for loop with i++ counter in the body", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) { let c = 0; for (let j = 0; j < 5; j++) c += j * a[i]; o[i] = c; }
    }, arr],
    ["+= -= *= /= %= **= on a local", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) { let x = a[i]; x += 3; x -= i; x *= 1.5; x /= 7; x %= 5; x **= 2; o[i] = x; }
    }, mixedArr],
    ["<<= >>= >>>= &= |= ^= on a local", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) { let x = a[i]; x <<= 3; x >>= 1; x |= 5; x &= 0xfff7; x ^= i; x >>>= 1; o[i] = x; }
    }, mixedArr],
    [">>>= on a negative local gives a large positive", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) { let x = a[i] - 100; x >>>= 0; o[i] = x; }
    }, arr],
    ["&&= and ||= on a local (value semantics, -0 and NaN are falsy)", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) { let x = a[i]; let y = a[i]; x &&= i + 0.5; y ||= -i; o[i] = x * 3 + y; }
    }, mixedArr],
    ["&&= and ||= on array elements", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) { o[i] = a[i]; o[i] ||= 7; a[i] &&= i; }
    }, mixedArr],
    ["assignment used as an expression value", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) { let x = 0; let y = 0; o[i] = (x = a[i] * 2) + (y = x + 1) + (x += y); }
    }, arr],
  ]);
});
