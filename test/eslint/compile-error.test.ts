import rule from "../../eslint/rules/compile-error.js";
import { jsTester, lines, message, tsTester } from "./tester.js";

jsTester.run("compile-error (espree)", rule, {
  valid: [
    { filename: "ok.js", code: "export function f(a, n) { for (const i of prange(n)) a[i] = i * 2; }" },
    // warnings belong to the other rules
    { filename: "race.js", code: "export function f(n) { let v = 0; for (const i of prange(n)) v = i; return v; }" },
    // free variables bound by `globals`, on an inline kernel and on a named one
    { filename: "inline.js", code: "export const f = parallel((a, n) => { for (const i of prange(n)) a[i] = K * i; }, { globals: { K: 3 } });" },
    { filename: "named.js", code: "function g(a) { for (const i of prange(a.length)) a[i] = DEBUG ? K : 0; }\nexport const f = parallel(g, { schedule: 'static', globals: { K: 2.5, DEBUG: false } });" },
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
