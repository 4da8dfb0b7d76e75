/**
 * Differential harness: a kernel compiled by `parallel` must return what the plain function
 * returns (the plain function is the reference; `prange` is an ordinary iterable there) and must
 * leave every typed-array argument exactly as the plain function leaves it.
 *
 * For each seeded case the plain function runs on one deep copy of the inputs and each compiled
 * kernel (threads 1, 2, 3, 4) on its own copy, once per array mode:
 *   - "typed":  ordinary typed arrays (the runtime copies them in and out),
 *   - "parfor": arrays from parfor's `array(Ctor, n)` (the zero-copy path),
 *   - "view":   `subarray` views into a larger array whose padding must stay untouched.
 * Comparison is Object.is per element and for the return value (so -0/+0 and NaN matter).
 * `floatReduction: true` relaxes only the return value: within a relative tolerance of the plain
 * result, but bit-identical across thread counts, array modes and two runs of each kernel.
 * When the plain function throws, the compiled kernel must throw the same kind of error.
 */
import { afterAll, expect, it } from "vitest";
import { array, free, parallel, shutdown } from "../../index.js";

// Stop the worker pool once the file's tests are done so the process can exit.
afterAll(async () => {
  await shutdown();
});

/** Any typed array parfor accepts. */
export type AnyTypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

type TypedCtor = { new (n: number): AnyTypedArray; readonly name: string };

export type Arg = number | boolean | AnyTypedArray;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Kernel = (...args: any[]) => unknown;

export { Rng, SPECIALS } from "../rng.js";
import { Rng, SPECIALS } from "../rng.js";

export type ArrayMode = "typed" | "parfor" | "view";
export const ALL_MODES: readonly ArrayMode[] = ["typed", "parfor", "view"];
export const ALL_THREADS: readonly number[] = [1, 2, 3, 4];

export interface CheckOptions {
  /** number of seeded input cases (default 3); makeInputs receives the case index too */
  cases?: number;
  /** first seed (default 1) */
  seed?: number;
  /** allow a relative tolerance vs plain for the return value; bits must agree across threads/runs */
  floatReduction?: boolean;
  /** number of terms the tolerance scales with (default: longest array argument, at least 1) */
  terms?: number;
  /** magnitude the relative tolerance is taken against when the result is small (default 1) */
  scale?: number;
  threads?: readonly number[];
  modes?: readonly ArrayMode[];
  /** extra options for `parallel` (schedule, chunkSize, globals, ...) */
  parallelOptions?: Record<string, unknown>;
  /** do not fail on parfor warnings (race diagnostics) emitted while compiling or running */
  allowWarnings?: boolean;
  /** run every (mode, threads) combination this many times (races show up intermittently; default 1) */
  repeat?: number;
  /** call the kernel through `kernel.async(...)` (awaited) instead of calling it directly */
  async?: boolean;
  /** stands in for `parallel` (only the harness's own tests use this) */
  compile?: (fn: Kernel, options: Record<string, unknown>) => Kernel;
}

export type MakeInputs = (rng: Rng, caseIndex: number) => Arg[];

const PAD = 5;
const SENTINEL = 77;

function isTyped(v: unknown): v is AnyTypedArray {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

function ctorOf(a: AnyTypedArray): TypedCtor {
  return a.constructor as unknown as TypedCtor;
}

/** `-0` printed as -0, other values as String() with their type when not a number. */
export function fmt(v: unknown): string {
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (isTyped(v)) return `${ctorOf(v).name}(${v.length})`;
  return `${typeof v}:${String(v)}`;
}

interface Prepared {
  args: Arg[];
  /** for "view": the whole backing arrays, to check the padding; for "parfor": arrays to free */
  backing: (AnyTypedArray | null)[];
}

function prepare(inputs: readonly Arg[], mode: ArrayMode | "plain"): Prepared {
  const args: Arg[] = [];
  const backing: (AnyTypedArray | null)[] = [];
  // the same input array passed twice stays one array (aliasing is preserved)
  const seen = new Map<AnyTypedArray, number>();
  for (const v of inputs) {
    if (!isTyped(v)) {
      args.push(v);
      backing.push(null);
      continue;
    }
    const prior = seen.get(v);
    if (prior !== undefined) {
      args.push(args[prior]!);
      backing.push(null);
      continue;
    }
    seen.set(v, args.length);
    const C = ctorOf(v);
    if (mode === "plain" || mode === "typed") {
      const c = new C(v.length);
      c.set(v);
      args.push(c);
      backing.push(null);
    } else if (mode === "parfor") {
      const c = array(C as never, v.length) as unknown as AnyTypedArray;
      if (!(c instanceof (C as unknown as typeof Float64Array | typeof Int8Array)) || c.length !== v.length) {
        throw new Error(`array(${C.name}, ${v.length}) returned ${fmt(c)}`);
      }
      c.set(v);
      args.push(c);
      backing.push(c);
    } else {
      const whole = new C(v.length + 2 * PAD);
      whole.fill(SENTINEL);
      const view = whole.subarray(PAD, PAD + v.length);
      view.set(v);
      args.push(view);
      backing.push(whole);
    }
  }
  return { args, backing };
}

function release(p: Prepared, mode: ArrayMode | "plain"): void {
  if (mode !== "parfor") return;
  for (const b of p.backing) if (b) free(b as never);
}

type Outcome = { ok: true; ret: unknown } | { ok: false; error: unknown };

function run(k: Kernel, args: Arg[]): Outcome {
  try {
    return { ok: true, ret: k(...args) };
  } catch (error) {
    return { ok: false, error };
  }
}

async function runAsync(k: Kernel, args: Arg[]): Promise<Outcome> {
  try {
    const call = (k as unknown as { async?: Kernel }).async;
    if (typeof call !== "function") throw new TypeError("the kernel has no .async method");
    return { ok: true, ret: await call(...args) };
  } catch (error) {
    return { ok: false, error };
  }
}

function errName(e: unknown): string {
  return e instanceof Error ? `${e.constructor.name}: ${e.message}` : `thrown ${fmt(e)}`;
}

/** Compare arrays written by the kernel; returns mismatch descriptions (at most a few per array). */
function compareArrays(ref: Prepared, got: Prepared, mode: ArrayMode): string[] {
  const out: string[] = [];
  for (let a = 0; a < ref.args.length; a++) {
    const r = ref.args[a]!;
    const g = got.args[a]!;
    if (!isTyped(r) || !isTyped(g)) continue;
    let bad = 0;
    for (let i = 0; i < r.length; i++) {
      if (!Object.is(r[i], g[i])) {
        if (bad < 4) out.push(`arg ${a} (${ctorOf(r).name})[${i}]: expected ${fmt(r[i])}, got ${fmt(g[i])}`);
        bad++;
      }
    }
    if (bad > 4) out.push(`arg ${a}: ... ${bad} mismatching elements of ${r.length}`);
    const whole = got.backing[a];
    if (mode === "view" && whole) {
      for (let i = 0; i < whole.length; i++) {
        if ((i < PAD || i >= whole.length - PAD) && whole[i] !== SENTINEL) {
          out.push(`arg ${a}: write outside the subarray view at backing[${i}] = ${fmt(whole[i])}`);
          break;
        }
      }
    }
  }
  return out;
}

function relClose(got: unknown, want: unknown, tol: number, scale: number): boolean {
  if (typeof got !== "number" || typeof want !== "number") return Object.is(got, want);
  if (Object.is(got, want)) return true;
  if (!Number.isFinite(want) || !Number.isFinite(got)) return false;
  return Math.abs(got - want) <= tol * Math.max(Math.abs(want), scale);
}

function bits(v: unknown): string {
  if (typeof v !== "number") return fmt(v);
  const f = new Float64Array([v]);
  const u = new BigUint64Array(f.buffer);
  return `${fmt(v)} (0x${u[0]!.toString(16).padStart(16, "0")})`;
}

/**
 * A returned typed array: the compiled one has the plain one's kind, length and elements (within
 * `tol` of the array's largest magnitude when a float reduction decides them), and the same
 * identity: the argument in the same position when plain returns an argument, else an ordinary
 * typed array that is none of the arguments (the caller owns it).
 */
function compareReturnedArray(want: AnyTypedArray, got: unknown, wantArgs: readonly Arg[], gotArgs: readonly Arg[], tol: number): string[] {
  if (!isTyped(got)) return [`return expected ${fmt(want)}, got ${fmt(got)}`];
  const out: string[] = [];
  if (ctorOf(got) !== ctorOf(want) || got.length !== want.length) out.push(`return expected ${fmt(want)}, got ${fmt(got)}`);
  const wi = wantArgs.indexOf(want);
  const gi = gotArgs.indexOf(got);
  if (wi !== gi) out.push(wi >= 0 ? `plain returns argument ${wi}, compiled ${gi >= 0 ? `argument ${gi}` : "another array"}` : `plain returns a new array, compiled argument ${gi}`);
  if (wi < 0 && got.buffer instanceof SharedArrayBuffer) out.push("a returned new array lies in shared memory (the caller should own an ordinary typed array)");
  let scale = 0;
  for (let j = 0; j < want.length; j++) if (Number.isFinite(Number(want[j]))) scale = Math.max(scale, Math.abs(Number(want[j])));
  let bad = 0;
  for (let j = 0; j < Math.min(want.length, got.length); j++) {
    const g = Number(got[j]);
    const e = Number(want[j]);
    if (Object.is(g, e) || (tol > 0 && Math.abs(g - e) <= tol * Math.max(scale, 1e-300))) continue;
    if (bad++ < 3) out.push(`returned [${j}]: expected ${bits(e)}, got ${bits(g)}`);
  }
  return out;
}

/**
 * Run `fn` plain and compiled for every seed, thread count and array mode; fail with a list of
 * every mismatch. Compile errors from `parallel` propagate and fail the test.
 */
export async function check(fn: Kernel, makeInputs: MakeInputs, opts: CheckOptions = {}): Promise<void> {
  // Every corpus kernel is race-free by construction, so a race warning from the compiler means it
  // misjudged a private variable or a reduction (and runs with a shared, racy scalar).
  const warnings: string[] = [];
  const onWarning = (w: Error) => {
    const text = `${w.name}: ${w.message}`;
    if (/parfor|PF\d{4}/i.test(text)) warnings.push(text);
  };
  process.on("warning", onWarning);
  try {
    await checkRuns(fn, makeInputs, opts);
  } finally {
    await new Promise((r) => setImmediate(r)); // emitWarning delivers on a later tick
    process.off("warning", onWarning);
  }
  if (warnings.length > 0 && !opts.allowWarnings) {
    expect.fail(`the compiler warned about a race-free kernel:\n  ${[...new Set(warnings)].join("\n  ")}`);
  }
}

async function checkRuns(fn: Kernel, makeInputs: MakeInputs, opts: CheckOptions): Promise<void> {
  const cases = opts.cases ?? 3;
  const seed0 = opts.seed ?? 1;
  const threads = opts.threads ?? ALL_THREADS;
  const compile = opts.compile ?? ((f: Kernel, o: Record<string, unknown>) => parallel(f as never, o) as unknown as Kernel);
  const kernels = threads.map((t) => ({ t, k: compile(fn, { ...(opts.parallelOptions ?? {}), threads: t }) }));
  const problems: string[] = [];
  for (let c = 0; c < cases; c++) {
    const inputs = makeInputs(new Rng(seed0 + c), c);
    if (inputs.length !== fn.length) {
      throw new Error(`test bug: the kernel takes ${fn.length} parameters but the inputs have ${inputs.length}`);
    }
    const hasArrays = inputs.some(isTyped);
    const modes = hasArrays ? (opts.modes ?? ALL_MODES) : (["typed"] as const);
    const terms = opts.terms ?? Math.max(1, ...inputs.map((v) => (isTyped(v) ? v.length : 1)));
    const tol = 1e-12 * terms;
    const scale = opts.scale ?? 1;
    const scalars = inputs.filter((v) => !isTyped(v)).map(fmt).join(", ");
    const where = (t: number, m: string, run = 0) =>
      `case ${c} (seed ${seed0 + c}${scalars ? `, scalars ${scalars}` : ""}) threads=${t} mode=${m}${run ? ` run ${run + 1}` : ""}`;

    const ref = prepare(inputs, "plain");
    const want = run(fn, ref.args);
    let firstCompiled: { ret: unknown; where: string } | null = null;

    for (const m of modes) {
      for (const { t, k } of kernels) {
        const runs = Math.max(opts.repeat ?? 1, opts.floatReduction ? 2 : 1);
        for (let r = 0; r < runs; r++) {
          const p = prepare(inputs, m);
          const got = opts.async ? await runAsync(k, p.args) : run(k, p.args);
          const w = where(t, m, r);
          if (!want.ok) {
            if (got.ok) {
              problems.push(`${w}: plain threw ${errName(want.error)}, compiled returned ${fmt(got.ret)}`);
            } else if (!(got.error instanceof Error) || !(want.error instanceof Error) ||
                       got.error.constructor !== want.error.constructor) {
              problems.push(`${w}: plain threw ${errName(want.error)}, compiled threw ${errName(got.error)}`);
            }
            release(p, m);
            continue;
          }
          if (!got.ok) {
            problems.push(`${w}: compiled threw ${errName(got.error)}; plain returned ${fmt(want.ret)}`);
            release(p, m);
            continue;
          }
          if (isTyped(want.ret)) {
            for (const d of compareReturnedArray(want.ret, got.ret, ref.args, p.args, opts.floatReduction ? tol : 0)) problems.push(`${w}: ${d}`);
            if (opts.floatReduction && isTyped(got.ret)) {
              const key = Array.from(got.ret as ArrayLike<number>, bits).join(",");
              if (firstCompiled === null) firstCompiled = { ret: key, where: w };
              else if (firstCompiled.ret !== key) problems.push(`${w}: returned array differs in bits from ${firstCompiled.where}`);
            }
          } else if (opts.floatReduction) {
            if (!relClose(got.ret, want.ret, tol, scale)) {
              problems.push(`${w}: return ${bits(got.ret)} not within ${tol} (rel) of plain ${bits(want.ret)}`);
            }
            if (firstCompiled === null) firstCompiled = { ret: got.ret, where: w };
            else if (!Object.is(firstCompiled.ret, got.ret)) {
              problems.push(`${w}: return ${bits(got.ret)} differs in bits from ${firstCompiled.where}: ${bits(firstCompiled.ret)}`);
            }
          } else if (!Object.is(got.ret, want.ret)) {
            problems.push(`${w}: return expected ${fmt(want.ret)}, got ${fmt(got.ret)}`);
          }
          for (const d of compareArrays(ref, p, m)) problems.push(`${w}: ${d}`);
          release(p, m);
        }
      }
    }
  }
  if (problems.length > 0) {
    // a few lines per case, so that one failing case does not hide how the others went
    const shown: string[] = [];
    for (let c = 0; c < cases; c++) {
      const mine = problems.filter((p) => p.startsWith(`case ${c} `));
      shown.push(...mine.slice(0, 3));
      if (mine.length > 3) shown.push(`... case ${c}: ${mine.length - 3} more`);
    }
    shown.push(`(${problems.length} mismatching runs in all)`);
    expect.fail(`compiled kernel differs from plain JavaScript:\n  ${shown.join("\n  ")}`);
  }
}

/** Register a differential test. */
export function diff(name: string, fn: Kernel, makeInputs: MakeInputs, opts?: CheckOptions): void {
  it(name, () => check(fn, makeInputs, opts));
}

/** Register one differential test per element of `table`: [name, kernel, inputs, options?]. */
export function diffAll(table: readonly (readonly [string, Kernel, MakeInputs, CheckOptions?])[]): void {
  for (const [name, fn, mk, o] of table) diff(name, fn, mk, o);
}

export interface ThrowsSpec {
  /** the array parameter's name that the message must contain */
  array: string;
  /** the offending index; its String() must appear in the message */
  index: number;
  /** the length the message must name (`(length n)`), when given */
  length?: number;
}

/**
 * The compiled kernel must throw a RangeError naming the array and the index, for every thread
 * count and array mode. (The plain function does not throw: typed arrays ignore such accesses.)
 */
export function checkThrowsRange(fn: Kernel, inputs: () => Arg[], spec: ThrowsSpec, opts: CheckOptions = {}): void {
  const threads = opts.threads ?? ALL_THREADS;
  const problems: string[] = [];
  for (const t of threads) {
    const k = opts.compile
      ? opts.compile(fn, { ...(opts.parallelOptions ?? {}), threads: t })
      : (parallel(fn as never, { ...(opts.parallelOptions ?? {}), threads: t }) as unknown as Kernel);
    for (const m of opts.modes ?? ALL_MODES) {
      const p = prepare(inputs(), m);
      const got = run(k, p.args);
      release(p, m);
      const w = `threads=${t} mode=${m}`;
      if (got.ok) {
        problems.push(`${w}: returned ${fmt(got.ret)} instead of throwing RangeError`);
      } else if (!(got.error instanceof RangeError)) {
        problems.push(`${w}: threw ${errName(got.error)}, expected RangeError`);
      } else {
        const msg = got.error.message;
        if (!msg.includes(spec.array)) problems.push(`${w}: RangeError "${msg}" does not name array "${spec.array}"`);
        if (!msg.includes(fmt(spec.index))) problems.push(`${w}: RangeError "${msg}" does not name index ${fmt(spec.index)}`);
        if (spec.length !== undefined && !msg.includes(`(length ${spec.length})`)) problems.push(`${w}: RangeError "${msg}" does not name length ${spec.length}`);
      }
    }
  }
  if (problems.length > 0) expect.fail(`out-of-bounds access not reported as required:\n  ${problems.join("\n  ")}`);
}

/** Values of a Float64Array as a plain list (for building inputs from literals). */
export function f64(...xs: number[]): Float64Array {
  return Float64Array.from(xs);
}

/** An input maker without the arguments at `indices` (for kernels that take fewer parameters). */
export function drop(make: MakeInputs, ...indices: number[]): MakeInputs {
  return (rng, c) => make(rng, c).filter((_, i) => !indices.includes(i));
}
