/**
 * What the front doors (ESLint plugin, tsserver plugin, `parfor check`) must agree with the run
 * time on: argmin/argmax, histogram and array reductions, and Atomics, reduced or reported. Each
 * case is one annotated kernel on one line; the run time compiles the same text (annotations
 * blanked out, so columns stay put) for arguments of the annotated types, and what it reports
 * (race warnings at the first call, or the compile error) is the reference.
 */
import { parallel, prange } from "../index.js";

export interface AgreementCase {
  readonly name: string;
  /** one line, parameters annotated */
  readonly src: string;
  /** what the run time reports, `code@line:column` in the kernel (the test checks this too) */
  readonly expect: readonly string[];
  /** what the front doors report for the JavaScript text, where its default types change it */
  readonly js?: readonly string[];
}

/**
 * A case; `{ js }` first when the JavaScript text (no annotations: arrays checked as Float64Array,
 * an Atomics array as Int32Array) is reported differently, as types decide it.
 */
function c(name: string, src: string, ...rest: (string | { js: string[] })[]): AgreementCase {
  const js = typeof rest[0] === "object" ? rest.shift() as { js: string[] } : undefined;
  return { name, src, expect: rest as string[], ...(js ? { js: js.js } : {}) };
}

export const cases: readonly AgreementCase[] = [
  // ---- reduced: no diagnostic anywhere
  c("argmin", "(a: Float64Array): number => { let m = Infinity; let k = -1; for (const i of prange(a.length)) { if (a[i] < m) { m = a[i]; k = i; } } return k; }"),
  c("argmax-last-2d", "(a: Float64Array, cols: number): number => { let m = -Infinity; let r = -1; let q = -1; for (const i of prange(Math.floor(a.length / cols))) { for (let j = 0; j < cols; j++) { if (a[i * cols + j] >= m) { m = a[i * cols + j]; r = i; q = j; } } } return r * cols + q; }"),
  c("argmin-int-else", "(a: Int32Array): number => { let m = 2147483647; let k = -1; for (const i of prange(a.length)) { if (a[i] >= m) {} else { m = a[i]; k = i; } } return k; }", { js: ["PF2001@1:123", "PF2001@1:133"] }),
  c("histogram", "(h: Float64Array, k: Int32Array): void => { for (const i of prange(k.length)) h[k[i]] += 1; }"),
  c("histogram-int-weights", "(h: Int32Array, k: Int32Array, w: Int32Array): void => { for (const i of prange(k.length)) h[k[i]] += w[i]; }"),
  c("histogram-max", "(h: Float64Array, k: Int32Array, x: Float64Array): void => { for (const i of prange(k.length)) h[k[i]] = Math.max(h[k[i]], x[i]); }"),
  c("column-sums", "(a: Float64Array, cols: number, acc: Float64Array): void => { const rows = Math.floor(a.length / cols); for (const i of prange(rows)) for (let j = 0; j < cols; j++) acc[j] += a[i * cols + j]; }"),
  c("total-in-one-element", "(tot: Float64Array, x: Float64Array): void => { for (const i of prange(x.length)) tot[0] += x[i]; }"),
  c("atomics-counter", "(cnt: Int32Array, x: Float64Array): void => { for (const i of prange(x.length)) { if (x[i] > 0) Atomics.add(cnt, 0, 1); } }"),
  c("atomics-histogram", "(h: Uint16Array, k: Int32Array): void => { for (const i of prange(k.length)) Atomics.add(h, k[i], 1); }"),
  c("atomics-cas-max", "(m: Int32Array, a: Int32Array): void => { for (const i of prange(a.length)) { const v = a[i]; let old = Atomics.load(m, 0); while (v > old) { const p = Atomics.compareExchange(m, 0, old, v); if (p === old) break; old = p; } } }"),
  c("atomics-ticket-sum", "(t: Uint32Array, n: number): number => { let s = 0; for (const i of prange(n)) s += Atomics.add(t, 0, 1); return s; }"),
  c("atomics-beside-own-element", "(a: Int8Array, o: Float64Array): void => { for (const i of prange(a.length)) { a[i] = 1; o[i] = Atomics.sub(a, i, 1); } }"),
  // ---- reported: the same code at the same place everywhere
  c("argmin-else-counter", "(a: Float64Array): number => { let m = Infinity; let k = -1; let n = 0; for (const i of prange(a.length)) { if (a[i] < m) { m = a[i]; k = i; } else n++; } return k + n; }", "PF2001@1:125", "PF2001@1:135"),
  c("argmin-index-read", "(a: Float64Array, o: Float64Array): number => { let m = Infinity; let k = -1; for (const i of prange(a.length)) { if (a[i] < m) { m = a[i]; k = i; } o[i] = k; } return k; }", "PF2003@1:157"),
  c("histogram-also-read", "(h: Float64Array, k: Int32Array): void => { for (const i of prange(k.length)) h[k[i]] += h[0]; }", "PF2006@1:79"),
  c("histogram-two-operators", "(h: Float64Array, k: Int32Array): void => { for (const i of prange(k.length)) { h[k[i]] += 1; h[k[i] + 1] *= 2; } }", "PF2006@1:81"), // one warning per array and loop: the second update is its related location
  c("int-histogram-float-addend", "(h: Int32Array, k: Int32Array, w: Float64Array): void => { for (const i of prange(k.length)) h[k[i]] += w[i]; }", { js: [] }, "PF2006@1:94"),
  c("atomics-counter-read-plainly", "(cnt: Int32Array, o: Int32Array): void => { for (const i of prange(o.length)) { Atomics.add(cnt, 0, 1); o[i] = cnt[0]; } }", "PF2006@1:112"),
  c("atomics-claimed-slot", "(cnt: Int32Array, o: Float64Array, x: Float64Array): void => { for (const i of prange(x.length)) { const s = Atomics.add(cnt, 0, 1) % 4; o[s] = x[i]; } }", "PF2006@1:138"),
  // ---- arrays as values: a swap keeps the buffers apart; a selected array may be the one read
  c("buffer-swap", "(a: Float64Array, b: Float64Array, steps: number): void => { let src = a, dst = b; for (let t = 0; t < steps; t++) { for (const i of prange(1, a.length - 1)) dst[i] = src[i - 1] + src[i + 1]; const tmp = src; src = dst; dst = tmp; } }"),
  c("selected-array-race", "(a: Float64Array, b: Float64Array, n: number): void => { const dst = n > 2 ? a : b; for (const i of prange(n - 1)) dst[i] = a[i + 1]; }", "PF2005@1:116"),
  c("array-variable-two-kinds", "(a: Float64Array, b: Int32Array): void => { let s = a; s = b; for (const i of prange(a.length)) s[i] = 1; }", { js: [] }, "PF1018@1:56"),
  c("atomics-on-floats", "(h: Float64Array, k: Int32Array): void => { for (const i of prange(k.length)) Atomics.add(h, k[i], 1); }", { js: [] }, "PF1019@1:79"),
];

/** The kernel's text as JavaScript: each parameter and return annotation replaced by spaces. */
export function jsOf(src: string): string {
  const arrow = src.indexOf("=>");
  const head = src.slice(0, arrow).replace(/:\s*[A-Za-z0-9]+/g, (m) => " ".repeat(m.length));
  return head + src.slice(arrow);
}

const CTORS: Record<string, new (n: number) => ArrayLike<number> & { [i: number]: number }> = {
  Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray,
};

/** Arguments of the annotated types: arrays of 64 elements holding valid indices (i % 8), numbers 4. */
function argsOf(src: string): unknown[] {
  const params = src.slice(src.indexOf("(") + 1, src.indexOf(")")).split(",");
  return params.map((p) => {
    const t = p.split(":")[1]!.trim();
    if (t === "number") return 4;
    const a = new CTORS[t]!(64);
    for (let i = 0; i < 64; i++) a[i] = i % 8;
    return a;
  });
}

/** `code@line:column` of what the run time reports for a case: warnings at its first call, or its compile errors. */
export async function runtimeFindings(k: AgreementCase): Promise<string[]> {
  const found: string[] = [];
  const onWarning = (w: Error & { code?: string }) => {
    const m = /line (\d+):(\d+)(?: \(parallel\(\) called at [^)]*\))? (PF\d{4}) /.exec(w.message);
    if (m) found.push(`${m[3]}@${m[1]}:${m[2]}`);
  };
  process.on("warning", onWarning);
  try {
    const fn = new Function("prange", `return (${jsOf(k.src)});`)(prange) as (...a: unknown[]) => unknown;
    const kernel = parallel(fn, { threads: 2 }) as unknown as (...a: unknown[]) => unknown;
    try {
      kernel(...argsOf(k.src));
    } catch (e) {
      for (const m of String((e as Error).message).matchAll(/line (\d+):(\d+)(?: \(parallel\(\) called at [^)]*\))? - error (PF\d{4})/g)) found.push(`${m[3]}@${m[1]}:${m[2]}`);
      if (found.length === 0) throw e;
    }
    await new Promise((r) => setImmediate(r)); // emitWarning delivers on a later tick
  } finally {
    process.off("warning", onWarning);
  }
  return found.sort();
}

/** One file holding every case, one per line after an import: the kernel of case n starts at line n + 2, column PREFIX(n) + 1. */
export function fileOf(ts: boolean): { text: string; prefix: (n: number) => number } {
  const head = (n: number) => `export const k${n} = parallel(`;
  const lines = ['import { parallel, prange } from "parfor";', ...cases.map((k, n) => `${head(n)}${ts ? k.src : jsOf(k.src)});`)];
  return { text: lines.join("\n") + "\n", prefix: (n) => head(n).length };
}

/** Groups front-door findings (file line, column, code) by case, as `code@line:column` in the kernel. */
export function byCase(found: readonly { line: number; column: number; code: string }[], prefix: (n: number) => number): string[][] {
  const out = cases.map(() => [] as string[]);
  for (const f of found) {
    const n = f.line - 2;
    if (n < 0 || n >= cases.length) throw new Error(`a finding outside every kernel: line ${f.line}`);
    out[n]!.push(`${f.code}@1:${f.column - prefix(n)}`);
  }
  return out.map((x) => x.sort());
}
