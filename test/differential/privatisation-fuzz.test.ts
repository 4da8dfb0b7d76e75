/**
 * Generated kernels around one outer scalar `t`: random control flow in the prange body (if/else,
 * inner loops with break and continue, `continue` of the prange, short-circuit and conditional
 * writes), random uses after the loop (none, a killing write, a conditional write, a read, a later
 * loop), sometimes a time loop around the prange, declared with let or var (at the top or in the
 * prange body), values through helper functions and per-iteration scratch arrays. Soundness: a kernel on which the compiler reports no race must give the plain
 * function's answer at every thread count (so a wrongly privatised `t` fails); a reported one is
 * only counted. The mix must hold both kinds, so the suite cannot pass by reporting everything.
 */
import { describe, expect, test } from "vitest";
import { prange } from "../../index.js";
import { check as analyse } from "../../compiler/index.js";
import { check, type Kernel, Rng } from "./harness.js";

const KERNELS = 60;
/** another seed explores other kernels: PARFOR_FUZZ_SEED=7 npx vitest run test/differential/privatisation-fuzz.test.ts */
const SEED = Number(process.env.PARFOR_FUZZ_SEED ?? 20261201);

class Gen {
  constructor(private readonly rng: Rng) {}
  private pick<T>(xs: readonly T[]): T {
    return this.rng.pick(xs);
  }
  value(readsT: boolean): string {
    const xs = ["a[i]", "a[i] * 0.5 + 1", "i % 7", "(a[i] + i) * 0.25", "k + a[i]", "h(a[i])", "g(a[i], k)"];
    if (readsT) xs.push("t * 0.5 + a[i]", "t + 1", "t * t * 0.125");
    return this.pick(xs);
  }
  cond(inLoop: boolean): string {
    const xs = ["a[i] > 0", "i % 3 === 0", "a[i] < -1", "t > 2"];
    if (inLoop) xs.push("k > 2", "k === 1");
    return this.pick(xs);
  }
  stmts(depth: number, inLoop: boolean, n: number): string {
    const out: string[] = [];
    for (let s = 0; s < n; s++) out.push(this.stmt(depth, inLoop));
    return out.join(" ");
  }
  stmt(depth: number, inLoop: boolean): string {
    // a scratch array of the iteration's own, written and read back (t read before it is written)
    if (this.rng.int(0, 9) === 0) return `{ const s = new Float64Array(2); s[0] = ${this.value(false)}; s[1] = t; t = s[0] + s[1] * 0.5; }`;
    const r = this.rng.int(0, depth > 1 ? 5 : 9);
    switch (r) {
      case 0:
      case 1:
        return `t = ${this.value(this.rng.bool())};`;
      case 2:
        return `o[i] = o[i] * 0.5 + t;`;
      case 3:
        return `t += ${this.value(false)};`;
      case 4:
        return this.rng.bool() ? `${this.cond(inLoop)} ? (t = ${this.value(false)}) : (t = 2);` : `if (${this.cond(inLoop)}) t = ${this.value(false)};`;
      case 5:
        return inLoop ? `if (${this.cond(true)}) ${this.pick(["break", "continue"])};` : `if (${this.cond(false)}) continue;`;
      case 6:
      case 7:
        return `if (${this.cond(inLoop)}) { ${this.stmts(depth + 1, inLoop, this.rng.int(1, 2))} } else { ${this.stmts(depth + 1, inLoop, this.rng.int(0, 2))} }`;
      default:
        return `for (let k = 0; k < ${this.pick([0, 1, 3, 40])}; k++) { ${this.stmts(depth + 1, true, this.rng.int(1, 3))} }`;
    }
  }
  kernel(): string {
    // "": t is a var declared in the prange body (hoisted to the function), with or without a value
    const decl = this.pick(["let t = 0;", "let t;", "var t;", "var t = 1;", ""]);
    const write = this.rng.bool();
    const first = decl === "" ? (write ? `var t = ${this.value(false)}; ` : "var t; ") : write ? `t = ${this.value(false)}; ` : "";
    const body = first + this.stmts(0, false, this.rng.int(2, 4)) + (this.rng.bool() ? " o[i] = o[i] + t;" : "");
    const loop = `for (const i of prange(o.length)) { let k = 0; ${body} }`;
    const around = this.rng.int(0, 3) === 0 ? `for (let r = 0; r < 2; r++) { ${loop} ${this.pick(["", "t = r;", "o[0] += t;"])} }` : loop;
    const after = this.pick(["", "t = 0;", "t = 0; return t;", "return t;", "if (o.length > 5) t = 3; return t;", "for (let j = 0; j < 2; j++) o[j] += t;", "for (const j of prange(o.length)) o[j] += 1; return t;"]);
    // helpers the values call: a declaration and an arrow function, inlined into the kernel
    return `function h(x) { return x * 0.5 + 1; } const g = (x, y) => x - y * 0.25; ${decl} ${around} ${after}`;
  }
}

const js = (body: string): Kernel => new Function("prange", `return function kernel(a, o) { ${body} };`)(prange) as Kernel;

describe("generated kernels around one outer scalar: no unreported race gives a wrong answer", () => {
  const rng = new Rng(SEED);
  const gen = new Gen(rng);
  const kernels = Array.from({ length: KERNELS }, () => gen.kernel());
  const tally = { private: 0, reported: 0 };
  kernels.forEach((body, n) => {
    test(`kernel ${n}: ${body}`, async () => {
      const fn = js(body);
      const ds = analyse(fn.toString(), {}, ["Float64Array", "Float64Array"]).diagnostics;
      expect(ds.filter((d) => d.category === "error").map((d) => `${d.code} ${d.message}`)).toEqual([]);
      if (ds.some((d) => d.code.startsWith("PF2"))) {
        tally.reported++;
        return;
      }
      tally.private++;
      await check(fn, (r: Rng) => {
        const len = r.int(1, 300);
        // small integers: sums of these halves and quarters are exact, so a reduction of t combined in another order gives the same bits
        return [Float64Array.from(r.ints(len, -8, 8)), Float64Array.from(r.ints(len, -2, 2))];
      }, { cases: 2, threads: [1, 2, 4], modes: ["typed"], repeat: 2 });
    });
  });
  test("the mix holds both privatised and reported kernels", () => {
    expect(tally.private + tally.reported).toBe(KERNELS);
    expect(tally.private).toBeGreaterThanOrEqual(KERNELS / 6);
    expect(tally.reported).toBeGreaterThanOrEqual(KERNELS / 6);
  });
});
