/**
 * One race warning per array and loop (issue 13): the most definite pair is the diagnostic, the
 * other racing accesses of that array are its related locations; the CLI, ESLint and tsserver
 * show what `check` returns, so they agree.
 */
import { describe, expect, it } from "vitest";
import { check } from "../../compiler/index.js";

const races = (src: string) => check(src).diagnostics.filter((d) => d.code.startsWith("PF2"));

describe("race warnings are merged per array and loop", () => {
  it("three racing writes of one array are one warning naming the others", () => {
    const ds = races(`(a, n) => { for (const i of prange(n)) { a[i + 1] = i; a[i + 2] = a[i] * 2; a[i + 3] += 1; } }`);
    expect(ds.length).toBe(1);
    expect(ds[0]!.message).toMatch(/'a\[/);
    const where = [ds[0]!, ...ds[0]!.related].map((r) => r.column).sort((x, y) => x - y);
    // every access of a appears once, at the diagnostic or in its related locations
    expect(new Set(where).size).toBe(where.length);
    expect(where.length).toBe(4);
  });

  it("two racing arrays are two warnings; a write racing with itself still decides PF2002", () => {
    const ds = races(`(a, b, n) => { for (const i of prange(n)) { a[i + 1] = a[i]; b[0] = i; b[i] = 2; } }`);
    expect(ds.map((d) => d.code).sort()).toEqual(["PF2002", "PF2005"]);
    const b = ds.find((d) => d.code === "PF2002")!;
    expect(b.message).toMatch(/'b\[0\]'/);
    expect(b.related.some((r) => /'b\[i\]'/.test(r.message))).toBe(true);
  });

  it("a safe array next to a racing one gets no warning", () => {
    const ds = races(`(a, b, n) => { for (const i of prange(n)) { b[i] = a[i] + a[i + 1]; a[0] = i; } }`);
    expect(ds.length).toBe(1);
    expect(ds[0]!.message).toMatch(/'a\[0\]'/);
  });
});
