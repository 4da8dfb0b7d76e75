/**
 * No compiler crash reaches the user: nesting beyond the limit is PF1014 naming the limit (before
 * the parser or any phase recurses), kernels within it compile, and an exception inside the
 * compiler (a stack overflow, a bug) is a PF1014/PF1015 diagnostic, so compile() and check()
 * never throw and `fallback: "js"` runs the plain function.
 */
import { afterAll, afterEach, describe, expect, test, vi } from "vitest";
import { check, compile, findKernels, ParforCompileError } from "../../compiler/index.js";
import { MAX_NESTING } from "../../compiler/frontend/limits.js";
import { parallel, shutdown } from "../../index.js";

afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  await shutdown();
});

const parens = (n: number) => `(x) => { return ${"(".repeat(n)}x${")".repeat(n)}; }`;
const sum = (n: number) => `(x) => { return ${Array.from({ length: n }, (_, i) => `x * ${i}`).join(" + ")}; }`;
const calls = (n: number) => `(x) => { return ${"Math.abs(".repeat(n)}x${")".repeat(n)}; }`;
const ifs = (n: number) => `(x) => { let s = 0; ${"if (x > 0) { ".repeat(n)}s = 1;${" }".repeat(n)} return s; }`;
const loops = (n: number) =>
  `(x) => { let s = 0; ${Array.from({ length: n }, (_, i) => `for (let j${i} = 0; j${i} < 1; j${i}++) {`).join(" ")} s += 1; ${"}".repeat(n)} return s; }`;

describe("nesting beyond the limit is PF1014, naming the limit", () => {
  const cases: [string, string, string][] = [
    ["1000 nested parentheses", parens(1000), "This kernel is"],
    ["10000 nested parentheses", parens(10000), "This kernel is"],
    ["a sum of 2000 terms", sum(2000), "This expression is"],
    ["a sum of 20000 terms", sum(20000), "This expression is"],
    ["1000 nested calls", calls(1000), "This kernel is"],
    ["600 nested ifs", ifs(600), "This kernel is"],
    ["600 nested loops", loops(600), "This kernel is"],
  ];
  for (const [what, src, words] of cases) {
    test(what, () => {
      for (const r of [check(src), compile(src, ["f"])]) {
        expect(r.compiled).toBeNull();
        const errors = r.diagnostics.filter((d) => d.category === "error");
        expect(errors.map((d) => d.code)).toEqual(["PF1014"]);
        expect(errors[0]!.message).toContain(words);
        expect(errors[0]!.message).toContain(`at most ${MAX_NESTING} levels`);
        expect(errors[0]!.line).toBe(1);
        expect(errors[0]!.column).toBeGreaterThan(1);
      }
    });
  }
  test("the position is where the nesting passes the limit", () => {
    const d = check(parens(MAX_NESTING + 10)).diagnostics[0]!;
    // `(x) => { return ` is 16 characters; the limit counts the `{` of the body too
    expect(d.column).toBe(17 + MAX_NESTING - 1);
  });
});

describe("kernels within the limit compile and give the plain answer", () => {
  const within: [string, string, number][] = [
    ["400 nested parentheses", parens(400), 3],
    ["a sum of 400 terms", sum(400), 3 * ((399 * 400) / 2)],
    ["400 nested calls", calls(400), 3],
    ["200 nested ifs", ifs(200), 1],
    ["100 nested loops", loops(100), 1],
  ];
  for (const [what, src, want] of within) {
    test(what, () => {
      const r = compile(src, ["f"]);
      expect(r.diagnostics).toEqual([]);
      expect(r.compiled).not.toBeNull();
      const plain = new Function(`return ${src}`)() as (x: number) => number;
      expect(plain(3)).toBe(want);
      expect(parallel(plain, { threads: 1 })(3)).toBe(want);
    });
  }
  test("length without nesting is not limited: 3000 statements", () => {
    const src = `(x) => { let s = 0; ${"s = s + x; ".repeat(3000)}return s; }`;
    const r = compile(src, ["f"]);
    expect(r.diagnostics).toEqual([]);
    expect(r.compiled).not.toBeNull();
  });
});

describe("exceptions inside the compiler are diagnostics", () => {
  test("findKernels (parfor check, the editor plugins) reports a file nested too deeply instead of throwing", () => {
    const file = `export const k = (x: number) => { for (const i of prange(3)) {} return ${"(".repeat(10000)}x${")".repeat(10000)}; };`;
    const r = findKernels("deep.ts", file);
    expect(r.kernels).toEqual([]);
    expect(r.parseErrors.map((e) => e.message)).toEqual([`it is nested too deeply (parfor reads code nested at most ${MAX_NESTING} levels)`]);
  });

  test("a throwing globals getter is PF1015 from check() and compile(), which do not throw", () => {
    const globals = Object.defineProperty({}, "g", { enumerable: true, get: () => { throw new Error("boom"); } }) as Record<string, number>;
    for (const r of [check(`(x) => x * g`, { globals }), compile(`(x) => x * g`, ["f"], { globals })]) {
      expect(r.compiled).toBeNull();
      expect(r.diagnostics.map((d) => d.code)).toEqual(["PF1015"]);
      expect(r.diagnostics[0]!.message).toContain("Error: boom");
      expect(r.diagnostics[0]!.category).toBe("error");
    }
  });

  test("the compiler running out of stack (called deep in a recursion) is PF1014, not a RangeError", () => {
    let max = 0;
    const probe = (d: number): void => {
      max = d;
      probe(d + 1);
    };
    try {
      probe(0);
    } catch {
      // the depth reached is the measure
    }
    const src = parens(450);
    let result: ReturnType<typeof compile> | null = null;
    const descend = (d: number): void => {
      if (d > 0) descend(d - 1);
      else result = compile(src, ["f"]);
    };
    descend(Math.floor(max * 0.9));
    const r = result as ReturnType<typeof compile> | null;
    expect(r).not.toBeNull();
    expect(r!.diagnostics.map((d) => d.code)).toEqual(["PF1014"]);
    expect(r!.diagnostics[0]!.message).toMatch(/ran out of stack/);
    // with the stack back, the same kernel compiles
    expect(compile(src, ["f"]).compiled).not.toBeNull();
  });

  test("fallback: 'js' runs a kernel the compiler cannot take as plain JavaScript, with one PF3004 warning", async () => {
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    const deep = new Function("x", `return ${"(".repeat(1000)}x + 1${")".repeat(1000)};`) as (x: number) => number;
    const k = parallel(deep, { fallback: "js" });
    expect(k(2)).toBe(3);
    expect(k(5)).toBe(6);
    const ours = warn.mock.calls.filter((c) => (c[1] as { code?: string } | undefined)?.code === "PF3004");
    expect(ours).toHaveLength(1);
    expect(String(ours[0]![0])).toMatch(/PF1014/);
    // the .async path (compiled off the main thread) falls back the same way
    expect(await parallel(deep, { fallback: "js" }).async(4)).toBe(5);
    // without the fallback it is a ParforCompileError with the code, not a RangeError
    let thrown: unknown = null;
    try {
      parallel(deep); // a type-independent error: reported by parallel() itself
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ParforCompileError);
    expect((thrown as ParforCompileError).code).toBe("PF1014");
  });
});
