/**
 * Generated kernels over three buffers `a`, `b`, `c` and two array variables `p`, `q` (and the
 * parameters themselves, sometimes assigned): random sequences of swaps through a temporary,
 * `?:` selections, plain assignments and conditional swaps between prange loops, inside a time
 * loop or not, with prange bodies that write one array variable and read others at offsets.
 * Soundness: a kernel on which the compiler reports no race must give the plain function's
 * answer at every thread count and array mode (so a points-to set that misses an array, which
 * loses a copy-back or a dependence, fails); a reported one is only counted. The mix must hold
 * both kinds, so the suite cannot pass by reporting everything.
 */
import { describe, expect, test } from "vitest";
import { prange } from "../../index.js";
import { check as analyse } from "../../compiler/index.js";
import { check, type Kernel, Rng } from "./harness.js";

const KERNELS = 40;
/** another seed explores other kernels: PARFOR_FUZZ_SEED=7 npx vitest run test/differential/array-swap-fuzz.test.ts */
const SEED = Number(process.env.PARFOR_FUZZ_SEED ?? 20261202);

const VARS = ["p", "q", "a", "b", "c"];

class Gen {
  constructor(private readonly rng: Rng) {}
  private pick<T>(xs: readonly T[]): T {
    return this.rng.pick(xs);
  }
  /** a statement between loops that moves arrays between variables */
  move(): string {
    const x = this.pick(["p", "q"]);
    const y = this.pick(VARS.filter((v) => v !== x));
    switch (this.rng.int(0, 5)) {
      case 0:
      case 1:
        return `{ const tmp = p; p = q; q = tmp; }`;
      case 2:
        return `${x} = ${y};`;
      case 3:
        return `${x} = s > ${this.rng.int(0, 3)} ? ${y} : ${this.pick(VARS)};`;
      case 4:
        return `if (s % 2 === 0) { const tmp = ${x}; ${x} = ${y === "p" || y === "q" ? y : "c"}; ${y === "p" || y === "q" ? y : "c"} = tmp; }`;
      default:
        return `{ const tmp = a; a = b; b = tmp; }`;
    }
  }
  /** a prange writing one variable from reads of others (or itself, at offsets that may race) */
  loop(): string {
    const w = this.pick(VARS);
    const reads = Array.from({ length: this.rng.int(1, 3) }, () => {
      const r = this.pick(VARS);
      const off = this.pick([0, 0, 1, -1]);
      return off === 0 ? `${r}[i]` : `${r}[i ${off > 0 ? "+" : "-"} 1]`;
    });
    return `for (const i of prange(1, n - 1)) ${w}[i] = ${reads.join(" * 0.5 + ")} + ${this.rng.int(0, 3)};`;
  }
  kernel(): string {
    const parts: string[] = [`let p = ${this.pick(["a", "b", "c"])}; let q = ${this.pick(["a", "b", "c"])};`];
    const body: string[] = [];
    for (let k = 0, m = this.rng.int(2, 5); k < m; k++) body.push(this.rng.bool() ? this.loop() : this.move());
    body.push(this.loop());
    if (this.rng.int(0, 2) === 0) parts.push(...body);
    else parts.push(`for (let s = 0; s < steps; s++) { ${body.join(" ")} }`);
    return parts.join(" ");
  }
}

const js = (body: string): Kernel =>
  new Function("prange", `return function kernel(a, b, c, n, steps) { let s = steps; ${body} };`)(prange) as Kernel;

describe("generated kernels with array swaps: no unreported race gives a wrong answer", () => {
  const rng = new Rng(SEED);
  const gen = new Gen(rng);
  const kernels = Array.from({ length: KERNELS }, () => gen.kernel());
  const tally = { clean: 0, reported: 0 };
  kernels.forEach((body, k) => {
    test(`kernel ${k}: ${body}`, async () => {
      const fn = js(body);
      const ds = analyse(fn.toString(), {}, ["Float64Array", "Float64Array", "Float64Array", "i", "i"]).diagnostics;
      expect(ds.filter((d) => d.category === "error").map((d) => `${d.code} ${d.message}`)).toEqual([]);
      if (ds.some((d) => d.code.startsWith("PF2"))) {
        tally.reported++;
        return;
      }
      tally.clean++;
      await check(fn, (r: Rng) => {
        const n = r.int(1, 400);
        // small integers and halves: every value is exact, whatever the order
        return [Float64Array.from(r.ints(n, -8, 8)), Float64Array.from(r.ints(n, -8, 8)), Float64Array.from(r.ints(n, -8, 8)), n, r.int(0, 4)];
      }, { cases: 2, threads: [1, 2, 4], modes: ["typed", "parfor"] });
    });
  });
  test("the mix holds both clean and reported kernels", () => {
    expect(tally.clean + tally.reported).toBe(KERNELS);
    expect(tally.clean).toBeGreaterThanOrEqual(KERNELS / 6);
    expect(tally.reported).toBeGreaterThanOrEqual(KERNELS / 6);
  });
});
