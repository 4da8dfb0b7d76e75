/**
 * What every example shares: the Example record the demo and the bench run, input helpers and
 * result checks. An example file defines its kernel once as a plain function (`plain`), wraps it
 * with `parallel`, and describes how to make its input and how to tell a right answer.
 */
import { array, parallel, type ParallelOptions } from "../index.js";

/** The typed arrays a kernel may take. */
export type NumArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

/** A kernel argument: a number, a boolean or a typed array. */
export type Arg = number | boolean | NumArray;

/** A single result value: a returned scalar or an array the kernel wrote. */
export type Value = number | boolean | NumArray;

/** The observable result of one call: one value, or several (e.g. an output array and the return value). */
export type Output = Value | readonly Value[];

/** The outcome of a check, with a short human-readable reason. */
export interface Check {
  readonly ok: boolean;
  readonly detail: string;
}

/** A callable kernel with its argument types erased, as the demo and the bench use it. */
export type Runner = (...args: Arg[]) => unknown;

/** One example, type-erased so a list of different examples can be run by the same code. */
export interface Example {
  /** short name, also the key of the bench's hand-written loop version */
  readonly name: string;
  /** one line: what it computes and at what size */
  readonly title: string;
  /** the unwrapped function: ordinary JavaScript where prange is an iterable */
  readonly plain: Runner;
  /** the options it is compiled with (the bench adds `threads`) */
  readonly options: ParallelOptions;
  /** `parallel(plain, options)` */
  readonly kernel: Runner;
  /** builds a fresh input; every timed variant runs on its own copy of one input */
  readonly makeInput: () => Arg[];
  /** picks the result out of a call's return value and arguments */
  readonly output: (ret: unknown, args: readonly Arg[]) => Output;
  /** judges a parfor result against exact math or the plain function's result `ref` */
  readonly check: (got: Output, ref: Output) => Check;
}

/** The typed pieces an example file provides; `defineExample` erases the types. */
export interface ExampleSpec<A extends Arg[], R> {
  readonly name: string;
  readonly title: string;
  readonly plain: (...args: A) => R;
  readonly kernel: (...args: A) => R;
  readonly options?: ParallelOptions;
  readonly makeInput: () => A;
  /** default: the return value */
  readonly output?: (ret: R, args: A) => Output;
  readonly check: (got: Output, ref: Output) => Check;
}

/** Turns a typed spec into an Example. */
export function defineExample<A extends Arg[], R>(spec: ExampleSpec<A, R>): Example {
  const output = spec.output ?? ((ret: R) => ret as Output);
  return {
    name: spec.name,
    title: spec.title,
    plain: spec.plain as unknown as Runner,
    kernel: spec.kernel as unknown as Runner,
    options: spec.options ?? {},
    makeInput: spec.makeInput as () => Arg[],
    output: output as (ret: unknown, args: readonly Arg[]) => Output,
    check: spec.check,
  };
}

/** `parallel(example.plain, {...example.options, ...extra})`: the same kernel with other settings. */
export function compileWith(example: Example, extra: ParallelOptions): Runner {
  return parallel(example.plain, { ...example.options, ...extra }) as unknown as Runner;
}

/** Copies the arguments: typed arrays into fresh ordinary arrays, scalars as they are. */
export function copyArgs(args: readonly Arg[]): Arg[] {
  return args.map((a) => (isNumArray(a) ? a.slice() : a));
}

/** Copies the arguments with typed arrays placed on parfor's shared memory (`array`, zero copy). */
export function sharedArgs(args: readonly Arg[]): Arg[] {
  return args.map((a) => {
    if (!isNumArray(a)) return a;
    // the same element type as a (typed as Float64Array only to pick one overload)
    const copy = array(a.constructor as Float64ArrayConstructor, a.length);
    copy.set(a);
    return copy;
  });
}

/**
 * Copies `input`'s arrays back into `args` (a copy made by copyArgs or sharedArgs), so every run
 * starts from the same state and a call that silently does nothing cannot pass its check by
 * leaving an earlier call's output in place.
 */
export function restoreArgs(args: readonly Arg[], input: readonly Arg[]): void {
  args.forEach((a, i) => {
    const src = input[i];
    if (isNumArray(a) && isNumArray(src)) a.set(src);
  });
}

/** A small deterministic generator (mulberry32) so every run sees the same "random" input. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Float64Array of n values uniform in [lo, hi). */
export function randomArray(n: number, seed: number, lo = 0, hi = 1): Float64Array {
  const next = rng(seed);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = lo + (hi - lo) * next();
  return a;
}

function asNumber(v: Output): number {
  if (typeof v !== "number") throw new TypeError(`expected a number result, got ${typeof v}`);
  return v;
}

/** |got - want| <= tol * max(1, |want|): relative for big values, absolute near zero. */
export function near(got: Output, want: number, tol: number, what = "exact"): Check {
  const g = asNumber(got);
  const err = Math.abs(g - want);
  const allowed = tol * Math.max(1, Math.abs(want));
  const ok = err <= allowed;
  return { ok, detail: `${what} ${want}, error ${err.toExponential(2)} (allowed ${allowed.toExponential(1)})` };
}

/** Exact equality with a number computed by exact math. */
export function exactly(got: Output, want: number, what = "exact"): Check {
  const ok = asNumber(got) === want;
  return { ok, detail: ok ? `equals ${what} ${want}` : `expected ${what} ${want}, got ${String(got)}` };
}

/** Whether a value is a typed array. */
export function isNumArray(v: unknown): v is NumArray {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

/** Element-wise comparison of two arrays, each element within tol (relative, as in `near`). */
export function sameArray(got: Output, ref: Output, tol = 0): Check {
  if (!isNumArray(got) || !isNumArray(ref)) {
    return { ok: false, detail: "expected array results" };
  }
  if (got.length !== ref.length) {
    return { ok: false, detail: `length ${got.length}, expected ${ref.length}` };
  }
  let worst = 0;
  let bad = -1;
  for (let i = 0; i < got.length; i++) {
    const want = ref[i] as number;
    const err = Math.abs((got[i] as number) - want) / Math.max(1, Math.abs(want));
    if (!(err <= tol)) {
      bad = i;
      break;
    }
    worst = Math.max(worst, err);
  }
  if (bad >= 0) {
    return { ok: false, detail: `element ${bad} is ${got[bad]}, plain JS gives ${ref[bad]}` };
  }
  const how = tol === 0 ? "identical to" : `within ${tol} of (worst ${worst.toExponential(1)})`;
  return { ok: true, detail: `${got.length} elements ${how} plain JS` };
}

/** Both checks must pass. */
export function both(a: Check, b: Check): Check {
  return { ok: a.ok && b.ok, detail: `${a.detail}; ${b.detail}` };
}
