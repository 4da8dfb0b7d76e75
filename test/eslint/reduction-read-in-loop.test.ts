import rule from "../../eslint/rules/reduction-read-in-loop.js";
import { jsTester, lines, message, tsTester } from "./tester.js";

const prefix = lines(
  "export function f(a, n) {",
  "  let s = 0;",
  "  for (const i of prange(n)) {",
  "    s += a[i];",
  "    a[i] = s;",
  "  }",
  "  return s;",
  "}",
);

jsTester.run("reduction-read-in-loop (espree)", rule, {
  valid: [{ filename: "sum.js", code: "export function f(a, n) { let s = 0; for (const i of prange(n)) { s += a[i]; } return s; }" }],
  invalid: [{ filename: "prefix.js", code: prefix, errors: [{ message: message("PF2003", "s"), line: 5, column: 12, endLine: 5, endColumn: 13, suggestions: [] }] }],
});

tsTester.run("reduction-read-in-loop (typescript-eslint)", rule, {
  valid: [{ filename: "sum.ts", code: "export function f(a: Float64Array, n: number): number { let s = 0; for (const i of prange(n)) { s += a[i]; } return s; }" }],
  invalid: [
    {
      filename: "prefix.ts",
      code: prefix.replace("f(a, n)", "f(a: Float64Array, n: number): number"),
      errors: [{ message: message("PF2003", "s"), line: 5, column: 12, endLine: 5, endColumn: 13, suggestions: [] }],
    },
  ],
});
