import rule from "../../eslint/rules/compile-error.js";
import { jsTester, lines, message, tsTester } from "./tester.js";

jsTester.run("compile-error (espree)", rule, {
  valid: [
    { filename: "ok.js", code: "export function f(a, n) { for (const i of prange(n)) a[i] = i * 2; }" },
    // warnings belong to the other rules
    { filename: "race.js", code: "export function f(n) { let v = 0; for (const i of prange(n)) v = i; return v; }" },
    // not a kernel: no prange loop
    { filename: "plain.js", code: "export function f(a) { console.log(a, prange); }" },
  ],
  invalid: [
    {
      filename: "free.mjs",
      code: lines("export function f(a, n) {", "  for (const i of prange(n)) {", "    a[i] = K * i;", "  }", "}"),
      errors: [{ message: message("PF1002", "K"), line: 3, column: 12, endLine: 3, endColumn: 13, suggestions: [] }],
    },
  ],
});

tsTester.run("compile-error (typescript-eslint)", rule, {
  valid: [{ filename: "ok.ts", code: "export const f = (a: Int32Array, n: number): void => { for (const i of prange(n)) a[i] = i | 0; };" }],
  invalid: [
    {
      filename: "free.tsx",
      code: lines("export const f = (a: Float64Array, n: number): void => {", "  for (const i of prange(n)) {", "    a[i] = K * i;", "  }", "};"),
      errors: [{ message: message("PF1002", "K"), line: 3, column: 12, endLine: 3, endColumn: 13, suggestions: [] }],
    },
  ],
});
