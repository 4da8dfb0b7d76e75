/**
 * Soundness fuzz for the dependence analysis: random loop nests with affine, min/max, ternary,
 * floor/remainder and induction-variable subscripts, run as plain JavaScript for small sizes with
 * every array access recorded per prange iteration. A kernel in which two different iterations
 * touch one in-bounds element, one of them writing, must be reported (any PF2xxx warning).
 * Out-of-bounds and fractional accesses are skipped: the compiled kernel throws on them, and the
 * analysis only claims that in-bounds accesses of different iterations never meet.
 */
import { describe, expect, test } from "vitest";
import { check } from "../../compiler/index.js";
import { rng } from "../../examples/example.js";

const LEN = 48;

function gen(r: () => number): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const c = (): number => pick([-2, -1, 0, 1, 1, 2, 3]);
  const aff = (vars: readonly string[]): string => {
    const terms = vars.map((v) => {
      const k = c();
      return k === 0 ? "" : k === 1 ? v : `${k} * ${v}`;
    }).filter(Boolean);
    const k = pick([0, 0, 1, -1, 2, 5]);
    if (k) terms.push(String(k));
    return terms.length ? terms.join(" + ") : "0";
  };
  const shape = pick(["flat", "nest", "tile", "collapse", "induction"]);
  const stmts: string[] = [];
  const sub = (vars: readonly string[]): string => {
    const kind = pick(["aff", "aff", "aff", "row", "min", "ternary", "cond"]);
    switch (kind) {
      case "row":
        return `${vars[0]} * ${pick(["n", "m", "4", "5"])} + ${vars[vars.length - 1]}${pick(["", " + 1", " - 1"])}`;
      case "min":
        return `Math.${pick(["min", "max"])}(${aff(vars)}, ${aff(vars)})`;
      case "ternary":
        return `(${vars[0]} ${pick(["<", ">=", "==="])} ${pick(["n", "2", "m"])} ? ${aff(vars)} : ${aff(vars)})`;
      default:
        return aff(vars);
    }
  };
  const body = (vars: readonly string[]): string[] => {
    const out: string[] = [];
    const w = sub(vars);
    const rd = sub(vars);
    // (not `a[x] = a[x] + v`: that is an array reduction, combined per chunk, not a race)
    const s = `a[${w}] = a[${rd}] * 2 - 1;`;
    if (pick([false, false, true])) out.push(`if (${aff(vars)} ${pick(["<", ">", "!=="])} ${pick(["n", "0", "m"])}) ${s}`);
    else out.push(s);
    if (pick([false, true])) out.push(`a[${sub(vars)}] = 2;`);
    return out;
  };
  const lo = (): string => pick(["0", "0", "1", "i", "i + 1", "Math.max(0, i - 2)"]);
  const hi = (): string => pick(["n", "m", "i", "i + 3", "Math.min(i + 2, n)", "n - i"]);
  switch (shape) {
    case "flat":
      stmts.push(`for (const i of prange(${pick(["n", "n >> 1", "m + 1", "Math.floor(n / 2)"])})) { ${body(["i"]).join(" ")} }`);
      break;
    case "nest":
      stmts.push(`for (const i of prange(${pick(["n", "m"])})) { for (let j = ${lo()}; j ${pick(["<", "<="])} ${hi()}; j += ${pick([1, 1, 2])}) { ${body(["i", "j"]).join(" ")} } }`);
      break;
    case "tile": {
      const t = pick([2, 3, 4]);
      stmts.push(`for (const ii of prange(0, n, ${t})) { for (let i = ii; i < Math.min(ii + ${pick([t, t, t + 1])}, n); i++) { ${body(["i"]).join(" ")} } }`);
      break;
    }
    case "collapse": {
      const d = pick(["3", "m"]);
      stmts.push(`if (m < 1) return; for (const k of prange(n * ${d})) { const i = Math.floor(k / ${d}); const j = k % ${d}; ${body(["i", "j"]).join(" ")} }`);
      break;
    }
    default:
      stmts.push(`for (const i of prange(n)) { let p = ${aff(["i"])}; for (let j = 0; j < ${pick(["2", "m", "3"])}; j++) { a[p] = j; ${pick(["p++;", "p += 2;", "if (j > 0) p++;"])} } }`);
  }
  return `(a, n, m) => { ${stmts.join(" ")} }`;
}

/** Runs `src` for n, m in small ranges; true when two iterations of the prange touch one element, one writing. */
function races(src: string): boolean {
  let iter = -1;
  let depth = 0;
  const prange = function* (a: number, b?: number, s = 1) {
    const [start, stop] = b === undefined ? [0, a] : [a, b];
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(stop) || !Number.isSafeInteger(s) || s === 0) throw new RangeError("prange bounds");
    const outer = depth++ === 0;
    try {
      for (let i = start; s > 0 ? i < stop : i > stop; i += s) {
        if (outer) iter = i;
        yield i;
      }
    } finally {
      depth--;
    }
  };
  const fn = new Function("prange", `return (${src});`)(prange) as (a: unknown, n: number, m: number) => void;
  for (let n = 0; n <= 7; n++) {
    for (let m = 0; m <= 5; m++) {
      const seen = new Map<number, { w: Set<number>; r: Set<number> }>();
      const note = (k: number, write: boolean): void => {
        if (!Number.isInteger(k) || k < 0 || k >= LEN) return;
        let e = seen.get(k);
        if (!e) seen.set(k, (e = { w: new Set(), r: new Set() }));
        (write ? e.w : e.r).add(iter);
      };
      const data = new Float64Array(LEN);
      const a = new Proxy(data, {
        get(t, p) {
          if (typeof p === "string" && /^-?\d/.test(p)) note(Number(p), false);
          const v = Reflect.get(t, p);
          return typeof v === "function" ? v.bind(t) : v;
        },
        set(t, p, v) {
          if (typeof p === "string" && /^-?\d/.test(p)) note(Number(p), true);
          return Reflect.set(t, p, v);
        },
      });
      let steps = 0;
      try {
        iter = -1;
        fn(a, n, m);
      } catch {
        // bad bounds: no run
      }
      void steps;
      for (const e of seen.values()) {
        if (e.w.size > 1) return true;
        if (e.w.size === 1) for (const x of e.r) if (!e.w.has(x)) return true;
      }
    }
  }
  return false;
}

describe("dependence analysis fuzz", () => {
  test("every kernel that races on small inputs is reported", () => {
    const r = rng(Number(process.env.FUZZ_SEED ?? 13));
    const count = Number(process.env.FUZZ_COUNT ?? 400);
    const missed: string[] = [];
    let racy = 0;
    let safeProved = 0;
    for (let k = 0; k < count; k++) {
      const src = gen(r);
      const res = check(src);
      if (res.diagnostics.some((d) => d.severity === "error")) continue;
      const reported = res.diagnostics.some((d) => d.code.startsWith("PF2"));
      const race = races(src);
      if (race) racy++;
      if (race && !reported) missed.push(src);
      if (!race && !reported) safeProved++;
    }
    console.log(`fuzz: ${count} kernels, ${racy} race on small inputs, ${safeProved} proved safe, ${missed.length} missed`);
    expect(missed).toEqual([]);
  });
});
