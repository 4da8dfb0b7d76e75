/**
 * Seeded random kernels for the checked-once chunk path (compiler/lower/hoist.ts): index
 * expressions `c1*i + c2*j + c3*k + c4*m + c5*n + c6` (coefficients of either sign, m = n*n) over
 * inner counters with varied bounds and directions, used as guarded indices
 * (`x >= 0 && x < A.length ? A[x] : ...`, which the path proves through the condition), as
 * unguarded ones where they stay in bounds, and as numbers (`x % 7`, `x * 1e-3`, `1 / x`).
 * Every kernel is compared with the plain function on 1-4 threads and every array mode.
 * PARFOR_FUZZ_SEED picks other kernels.
 */
import { describe } from "vitest";
import { prange } from "../../index.js";
import { diff, type Kernel, Rng } from "./harness.js";

const seed = Number(process.env.PARFOR_FUZZ_SEED ?? 1);

function kernelText(r: Rng): string {
  const coef = () => r.pick([0, 0, 1, 1, 2, 3, -1, -2]);
  // negative coefficients as products (+ (-2) * j) or as subtractions (- 2 * j, - j)
  const term = (c: number, v: string) =>
    c === 0 ? "" : c > 0 ? ` + ${c} * ${v}` : r.bool() ? ` + (${c}) * ${v}` : c === -1 ? ` - ${v}` : ` - ${-c} * ${v}`;
  const jLoop = r.pick([
    ["for (let j = 0; j < n; j++)", "j"],
    ["for (let j = i; j < n; j += 2)", "j"],
    ["for (let j = n - 1; j >= 0; j--)", "j"],
    ["for (let j = 0; j <= i; j++)", "j"],
    ["for (const j of prange(1, n))", "j"],
  ]);
  const kLoop = r.bool() ? r.pick(["for (let k = 0; k < 3; k++)", "for (let k = j; k > -2; k--)", "for (let k = 0; k < j; k++)"]) : "";
  const x = `${r.int(-5, 5)}${term(coef(), "i")}${term(coef(), "j")}${kLoop ? term(coef(), "k") : ""}${term(r.pick([0, 0, 1, -1]), "m")}${term(r.pick([0, 1, -1]), "n")}`;
  const use = r.pick([
    "s += x >= 0 && x < A.length ? A[x] : 0.5;",
    "if (x >= 0) { if (x < A.length) s += A[x] * 2; }",
    "s += x < 0 ? 1 / (x * 1) : x >= A.length ? -1 : A[x];",
    "s += (x % 7) * 0.25 + x * 1e-3 + (x > 0 && x <= A.length - 1 ? A[x] : 0);",
    "if (x > -1 && x < A.length) B[i] += A[x]; else s -= 1;",
  ]);
  const body = kLoop ? `${kLoop} { const x = ${x}; ${use} }` : `const x = ${x}; ${use}`;
  return `(A, B, o, n) => {
    const m = n * n;
    for (const i of prange(n)) {
      let s = 0;
      ${jLoop[0]} { ${body} }
      o[i] = s + A[i] + B[i];
    }
  }`;
}

describe("random index expressions on the checked-once path", () => {
  const r = new Rng(1000 + seed);
  for (let c = 0; c < 30; c++) {
    const text = kernelText(r);
    const fn = new Function("prange", `return ${text}`)(prange) as Kernel;
    diff(`kernel ${c}: ${text.replace(/\s+/g, " ")}`, fn, (rng) => {
      const n = rng.int(0, 11);
      return [rng.f64(n * n * rng.int(1, 3) + n + 2), rng.f64(n + 1), new Float64Array(n), n];
    }, { cases: 3 });
  }
});
