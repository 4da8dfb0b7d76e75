/**
 * The real-code corpus (kernels.ts): every kernel compiled by parfor must give the plain port's
 * results at 1, 2 and 4 threads, with ordinary typed arrays and with parfor arrays: bit for bit,
 * or, where a float reduction decides the result (`reduction`), within its tolerance of the plain
 * port and identical in bits across thread counts, array kinds and two runs. The race diagnostics
 * parfor reports must be exactly the ones the corpus lists (each explained in README.md). Kernels
 * that need a feature parfor lacks are `test.todo` with the reason, and listed in the summary.
 */
import { afterAll, describe, expect, test } from "vitest";
import { array, free, parallel, shutdown } from "../../index.js";
import { corpus, Rng, type Arg, type Arr, type RealKernel } from "./kernels.js";

const THREADS = [1, 2, 4] as const;
const MODES = ["typed", "parfor"] as const;
const CASES = 2;

type Row = { name: string; compiled: string; result: string; warns: string };
const summary: Row[] = [];

afterAll(async () => {
  await shutdown();
  const w = (s: string, n: number) => s.padEnd(n);
  const lines = summary.map((r) => `  ${w(r.name, 26)} ${w(r.compiled, 10)} ${w(r.result, 30)} ${r.warns}`);
  const exact = summary.filter((r) => r.result === "exact").length;
  const within = summary.filter((r) => r.result.startsWith("within")).length;
  const compiled = summary.filter((r) => r.compiled === "yes").length;
  const pending = summary.filter((r) => r.compiled === "pending");
  console.log(`realcode corpus: ${summary.length} kernels, ${compiled} compiled, ${exact} exact, ${within} within reassociation error, ` +
    `${pending.length} pending\n${lines.join("\n")}` +
    (pending.length ? `\npending (not run):\n${pending.map((r) => `  ${r.name}: ${r.result}`).join("\n")}` : ""));
});

const isArr = (v: unknown): v is Arr => ArrayBuffer.isView(v);

function copyArgs(args: readonly Arg[], mode: "plain" | (typeof MODES)[number], owned: Arr[]): Arg[] {
  return args.map((v) => {
    if (!isArr(v)) return v;
    const C = v.constructor as { new (n: number): Arr };
    const c = mode === "parfor" ? (array(C as never, v.length) as unknown as Arr) : new C(v.length);
    c.set(v as never);
    if (mode === "parfor") owned.push(c);
    return c;
  });
}

const hex = (x: number) => {
  const b = new BigUint64Array(new Float64Array([x]).buffer)[0]!;
  return `${x} (0x${b.toString(16)})`;
};

/** Mismatches between a run and the plain port (relative to each array's largest magnitude when tol > 0). */
function compare(want: { ret: unknown; args: Arg[] }, got: { ret: unknown; args: Arg[] }, tol: number): string[] {
  const out: string[] = [];
  const close = (g: number, w: number, scale: number) => Object.is(g, w) || (tol > 0 && Math.abs(g - w) <= tol * Math.max(scale, 1e-300));
  if (typeof want.ret === "number" && typeof got.ret === "number") {
    if (!close(got.ret, want.ret, Math.abs(want.ret))) out.push(`return ${hex(got.ret)}, plain ${hex(want.ret)}`);
  } else if (isArr(want.ret)) {
    // a returned array: the same kind, length and elements, and the argument in the same place when plain returns one
    const w = want.ret;
    const g = got.ret;
    if (!isArr(g) || g.constructor !== w.constructor || g.length !== w.length) out.push(`return ${String(g)}, plain a ${w.constructor.name}(${w.length})`);
    else {
      if (want.args.indexOf(w) !== got.args.indexOf(g)) out.push(`return is argument ${got.args.indexOf(g)}, plain argument ${want.args.indexOf(w)}`);
      let scale = 0;
      for (let i = 0; i < w.length; i++) if (Number.isFinite(w[i])) scale = Math.max(scale, Math.abs(w[i]!));
      for (let i = 0; i < w.length; i++) if (!close(g[i]!, w[i]!, scale)) out.push(`return [${i}]: ${hex(g[i]!)}, plain ${hex(w[i]!)}`);
    }
  } else if (!Object.is(got.ret, want.ret)) out.push(`return ${String(got.ret)}, plain ${String(want.ret)}`);
  want.args.forEach((w, a) => {
    const g = got.args[a];
    if (!isArr(w) || !isArr(g)) return;
    let scale = 0;
    for (let i = 0; i < w.length; i++) if (Number.isFinite(w[i])) scale = Math.max(scale, Math.abs(w[i]!));
    let bad = 0;
    for (let i = 0; i < w.length; i++) {
      if (!close(g[i]!, w[i]!, scale)) {
        if (bad < 3) out.push(`arg ${a}[${i}]: ${hex(g[i]!)}, plain ${hex(w[i]!)}`);
        bad++;
      }
    }
    if (bad > 3) out.push(`arg ${a}: ${bad} of ${w.length} elements differ`);
  });
  return out;
}

/** Every number the run produced, for the bit-identity check of reductions. */
function fingerprint(r: { ret: unknown; args: Arg[] }): string {
  const parts: string[] = [isArr(r.ret) ? Buffer.from(r.ret.buffer, r.ret.byteOffset, r.ret.byteLength).toString("base64") : String(typeof r.ret === "number" ? hex(r.ret) : r.ret)];
  for (const v of r.args) if (isArr(v)) parts.push(Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64"));
  return parts.join("|");
}

function runKernel(k: RealKernel): Row {
  const opts = k.globals ? { globals: k.globals } : {};
  const kernels = THREADS.map((t) => ({ t, f: parallel(k.kernel, { ...opts, threads: t, warnings: false }) as unknown as (...a: Arg[]) => unknown }));
  // race diagnostics (with the parameter types of a first call: compile with them now)
  const problems: string[] = [];
  const tol = k.reduction?.tol ?? 0;
  let worst = 0;
  for (let c = 0; c < CASES; c++) {
    const inputs = k.inputs(new Rng(1000 + c), "test");
    expect(inputs.length, `${k.name}: inputs match the parameters`).toBe(k.kernel.length);
    const plainArgs = copyArgs(inputs, "plain", []);
    const want = { ret: k.kernel(...plainArgs), args: plainArgs };
    let first: string | null = null;
    for (const mode of MODES) {
      for (const { t, f } of kernels) {
        for (let rep = 0; rep < (tol > 0 ? 2 : 1); rep++) {
          const owned: Arr[] = [];
          const args = copyArgs(inputs, mode, owned);
          const got = { ret: f(...args), args };
          const where = `case ${c} threads=${t} ${mode}${rep ? " (second run)" : ""}`;
          for (const d of compare(want, got, tol)) problems.push(`${where}: ${d}`);
          if (tol > 0) {
            worst = Math.max(worst, relError(want, got));
            const fp = fingerprint(got);
            if (first === null) first = fp;
            else if (fp !== first) problems.push(`${where}: bits differ from the first compiled run`);
          }
          for (const a of owned) free(a as never);
        }
      }
    }
  }
  const codes = [...new Set((kernels[0]!.f as unknown as { diagnostics: readonly { code: string; category: string }[] }).diagnostics
    .filter((d) => d.category !== "error").map((d) => d.code))].sort();
  const row: Row = {
    name: k.name,
    compiled: "yes",
    result: problems.length ? `WRONG (${problems.length} runs)` : tol > 0 ? `within ${worst.toExponential(1)} (tol ${tol})` : "exact",
    warns: codes.join(" "),
  };
  summary.push(row);
  expect(problems.slice(0, 12), `${k.name}: compiled differs from the plain port`).toEqual([]);
  expect(codes, `${k.name}: race diagnostics`).toEqual([...(k.warns ?? [])].sort());
  return row;
}

function relError(want: { ret: unknown; args: Arg[] }, got: { ret: unknown; args: Arg[] }): number {
  let e = 0;
  if (typeof want.ret === "number" && typeof got.ret === "number" && want.ret !== got.ret) e = Math.abs(got.ret - want.ret) / Math.abs(want.ret);
  if (isArr(want.ret) && isArr(got.ret)) {
    const w = want.ret;
    const g = got.ret;
    let scale = 0;
    for (let i = 0; i < w.length; i++) scale = Math.max(scale, Math.abs(w[i]!));
    for (let i = 0; i < w.length; i++) if (w[i] !== g[i] && scale > 0) e = Math.max(e, Math.abs(g[i]! - w[i]!) / scale);
  }
  want.args.forEach((w, a) => {
    const g = got.args[a];
    if (!isArr(w) || !isArr(g)) return;
    let scale = 0;
    for (let i = 0; i < w.length; i++) scale = Math.max(scale, Math.abs(w[i]!));
    for (let i = 0; i < w.length; i++) if (w[i] !== g[i] && scale > 0) e = Math.max(e, Math.abs(g[i]! - w[i]!) / scale);
  });
  return e;
}

describe("real-code corpus", () => {
  test("has at least 30 kernels, each with a source", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    expect(new Set(corpus.map((k) => k.name)).size).toBe(corpus.length);
    for (const k of corpus) expect(k.from.length, k.name).toBeGreaterThan(0);
  });
  for (const k of corpus) {
    if (k.pending) {
      summary.push({ name: k.name, compiled: "pending", result: k.pending, warns: "" });
      test.todo(`${k.name} (${k.from}): pending on ${k.pending}`);
      continue;
    }
    test(`${k.name} (${k.from})`, () => {
      try {
        runKernel(k);
      } catch (e) {
        if (!summary.some((r) => r.name === k.name)) {
          const msg = e instanceof Error ? e.message : String(e);
          const code = /PF1\d{3}/.exec(msg)?.[0];
          summary.push({ name: k.name, compiled: code ? `no ${code}` : "threw", result: msg.split("\n").slice(0, 3).join(" / ").slice(0, 300), warns: "" });
        }
        throw e;
      }
    });
  }
});
