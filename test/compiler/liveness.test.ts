/**
 * Privatisation by liveness: the racy twins of the private kernels in
 * test/differential/privatisation.test.ts stay shared and reported (PF2001 with the read that
 * makes them racy as related information), and the private ones get no race diagnostic.
 */
import { describe, expect, test } from "vitest";
import { check, type ParamType } from "../../compiler/index.js";

const A2: ParamType[] = ["Float64Array", "Float64Array"];
const LOOP = "for (let k = 0; k < 9; k++) t = t * 0.5 + k;";

/** [what, kernel, the text around the read that must be named, `@` marking where it starts] */
const racy: [string, string, string][] = [
  ["read after the loop", `(a, o) => { let t = 0; for (const i of prange(o.length)) { t = a[i]; o[i] = t; } return t; }`, "return @t"],
  ["written after the loop only on one branch", `(a, o) => { let t = 0; for (const i of prange(o.length)) { t = a[i]; o[i] = t; } if (o.length > 3) t = 0; return t; }`, "return @t"],
  ["written after the loop by a serial loop that may not run", `(a, o) => { let t = 0; for (const i of prange(o.length)) { t = a[i]; o[i] = t; } for (let j = 0; j < a[0]; j++) t = j; return t; }`, "return @t"],
  ["written after the loop under &&", `(a, o) => { let t = 0; for (const i of prange(o.length)) { t = a[i]; o[i] = t; } a[0] > 0 && (t = a[1]) > 0; return t; }`, "return @t"],
  ["read by a later serial loop", `(a, o) => { let t = 0; let s = 0; for (const i of prange(o.length)) { t = a[i]; o[i] = t; } for (let j = 0; j < 3; j++) s += t; return s; }`, "s += @t"],
  ["read by a later prange before it writes it", `(a, o) => { let t = 0; for (const i of prange(o.length)) { t = a[i]; o[i] = t; } for (const i of prange(o.length)) { o[i] += t; t = 1; } }`, "o[i] += @t"],
  ["read at the top of the next trip of a time loop", `(a, o) => { let t = 0; for (let r = 0; r < 3; r++) { a[0] = t; for (const i of prange(o.length)) { t = a[i]; o[i] = t; } } }`, "a[0] = @t"],
  ["read before the write on the else path", `(a, o) => { let t = 0; for (const i of prange(o.length)) { if (a[i] > 0) t = a[i]; o[i] = t; } }`, "o[i] = @t"],
  ["written only under ?:", `(a, o) => { let t = 0; for (const i of prange(o.length)) { a[i] > 0 ? (t = a[i]) : 0; o[i] = t; } }`, "o[i] = @t"],
  ["written only inside an inner loop that may not run", `(a, o) => { let t = 0; for (const i of prange(o.length)) { for (let j = 0; j < a[i]; j++) t = j; o[i] = t; } }`, "o[i] = @t"],
  ["written after a continue that can skip it", `(a, o) => { let t = 0; for (const i of prange(o.length)) { for (let j = 0; j < 3; j++) { if (a[i] > j) continue; t = j; } o[i] = t; } }`, "o[i] = @t"],
  ["written after a break that can skip it", `(a, o) => { let t = 0; for (const i of prange(o.length)) { while (true) { if (a[i] > 0) break; t = a[i]; break; } o[i] = t; } }`, "o[i] = @t"],
  ["a counter declared outside and read after the loop", `(a, o) => { let j; for (const i of prange(o.length)) { for (j = 0; j < a[i]; j++) o[i] += j; } return j; }`, "return @j"],
  ["compound assignment reads first", `(a, o) => { let t = 0; for (const i of prange(o.length)) { t -= a[i]; o[i] = t; t = o[i] * 2; } }`, "@t -= a[i]"],
  ["read in its own right-hand side first", `(a, o) => { let t = 0; for (const i of prange(o.length)) { t = t * 0.5 + a[i]; ${LOOP} o[i] = t; } }`, "t = @t * 0.5 + a[i]"],
];

const privates: [string, string][] = [
  ["rewritten after the loop", `(a, o) => { let t; for (const i of prange(o.length)) { t = a[i]; ${LOOP} o[i] = t; } t = 0; return t; }`],
  ["rewritten after the loop on both branches", `(a, o) => { let t = 0; for (const i of prange(o.length)) { t = a[i]; o[i] = t; } if (o.length > 3) t = 0; else t = 1; return t; }`],
  ["reset in a nested loop", `(a, o) => { let t; for (const i of prange(o.length)) { for (let j = 0; j < 3; j++) { t = 0; for (let k = 0; k < 3; k++) t += a[i] * k; o[i] = t; } } }`],
  ["written in a do-while body", `(a, o) => { let t = 0; for (const i of prange(o.length)) { do { t = a[i]; } while (t > 5); o[i] = t; } }`],
  ["dead on the next trip of a time loop", `(a, o) => { let t = 0; for (let r = 0; r < 3; r++) { for (const i of prange(o.length)) { t = a[i]; o[i] = t; } t = r; a[0] = t; } }`],
  ["written on both sides of ?:", `(a, o) => { let t = 0; for (const i of prange(o.length)) { a[i] > 0 ? (t = 1) : (t = 2); o[i] = t; } }`],
  ["written before every continue", `(a, o) => { let t = 0; for (const i of prange(o.length)) { t = a[i]; if (t > 0) continue; o[i] = t; } }`],
];

describe("a scalar that is live after the loop or read before written is shared and reported", () => {
  for (const [what, src, read] of racy) {
    test(what, () => {
      const r = check(src, {}, A2);
      const d = r.diagnostics.find((x) => x.code === "PF2001");
      expect(d, JSON.stringify(r.diagnostics.map((x) => `${x.code} ${x.message}`))).toBeDefined();
      const at = src.indexOf(read.replace("@", "")) + read.indexOf("@");
      expect(d!.related.map((x) => x.start - r.sourceOffset), "names the read").toEqual([at]);
    });
  }
});

describe("a scalar written before read in every iteration and dead after the loop is private", () => {
  for (const [what, src] of privates) {
    test(what, () => {
      const ds = check(src, {}, A2).diagnostics;
      expect(ds.map((x) => `${x.code} ${x.message}`)).toEqual([]);
    });
  }
});

describe("the liveness analysis is linear in the nesting of loops", () => {
  test("40 serial loops around a prange and 40 inside it", () => {
    const open = (p: string) => Array.from({ length: 40 }, (_, i) => `for (let ${p}${i} = 0; ${p}${i} < 2; ${p}${i}++) {`).join(" ");
    const src = `(a, o) => { let t = 0; ${open("r")} for (const i of prange(o.length)) { t = a[i]; ${open("q")} t = t + q39; ${"}".repeat(40)} o[i] = t; } ${"}".repeat(40)} t = 1; return t; }`;
    const t0 = performance.now();
    const ds = check(src, {}, A2).diagnostics;
    expect(ds.map((x) => x.code)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
