import rule from "../../eslint/rules/unrecognised-reduction.js";
import { jsTester, lines, message, tsTester } from "./tester.js";

const nanMax = lines(
  "export function f(a, n) {",
  "  let m = -Infinity;",
  "  for (const i of prange(n)) {",
  "    m = m >= a[i] ? m : a[i];",
  "  }",
  "  return m;",
  "}",
);

jsTester.run("unrecognised-reduction (espree)", rule, {
  valid: [{ filename: "max.js", code: "export function f(a, n) { let m = -Infinity; for (const i of prange(n)) { m = Math.max(m, a[i]); } return m; }" }],
  invalid: [
    {
      filename: "max.js",
      code: nanMax,
      errors: [{ message: message("PF2004", "m", "`m = Math.max(m, x)` or `if (x > m) m = x`"), line: 4, column: 5, endLine: 4, endColumn: 29, suggestions: [] }],
    },
  ],
});

tsTester.run("unrecognised-reduction (typescript-eslint)", rule, {
  valid: [{ filename: "max.ts", code: "export function f(a: Float64Array, n: number) { let m = -Infinity; for (const i of prange(n)) { if (a[i] > m) m = a[i]; } return m; }" }],
  invalid: [
    {
      filename: "max.ts",
      code: nanMax.replace("f(a, n)", "f(a: Float64Array, n: number): number"),
      errors: [{ message: message("PF2004", "m", "`m = Math.max(m, x)` or `if (x > m) m = x`"), line: 4, column: 5, endLine: 4, endColumn: 29, suggestions: [] }],
    },
  ],
});
