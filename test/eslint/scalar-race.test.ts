import rule from "../../eslint/rules/scalar-race.js";
import { jsTester, lines, message, tsTester } from "./tester.js";

const readAfter = lines(
  'import { prange } from "parfor";',
  "export function last(n) {",
  "  let val = -1;",
  "  for (const i of prange(n)) {",
  "    val = i;",
  "  }",
  "  return val;",
  "}",
);

jsTester.run("scalar-race (espree)", rule, {
  valid: [
    { filename: "max.js", code: "export const f = (n) => { let v = -1; for (const i of prange(n)) { v = Math.max(v, i); } return v; };" },
    { filename: "local.mjs", code: "export function f(a, n) { for (const i of prange(n)) { const x = a[i] * 2; a[i] = x; } }" },
    { filename: "no-kernels.js", code: "let v = 0; for (const i of [1, 2]) v = i; // prange appears only in this comment" },
    // a serial loop is not a race
    { filename: "serial.js", code: "export function f(n) { let v = 0; for (let i = 0; i < n; i++) v = i; return v; }" },
  ],
  invalid: [
    {
      filename: "last.js",
      code: readAfter,
      errors: [{ message: message("PF2001", "val", "read after it"), line: 5, column: 5, endLine: 5, endColumn: 12, suggestions: [] }],
    },
    {
      filename: "last.mjs",
      code: readAfter,
      errors: [{ message: message("PF2001", "val", "read after it"), line: 5, column: 5, endLine: 5, endColumn: 12, suggestions: [] }],
    },
  ],
});

tsTester.run("scalar-race (typescript-eslint, .ts and .tsx)", rule, {
  valid: [
    { filename: "clean.ts", code: "export const f = (a: Float64Array): void => { for (const i of prange(a.length)) a[i] = i; };" },
    { filename: "clean.tsx", code: "export const View = () => <div>{prange.name}</div>;\nexport const f = (a: Float64Array) => { for (const i of prange(a.length)) a[i] = i; };" },
  ],
  invalid: [
    {
      filename: "last.ts",
      code: readAfter.replace("last(n)", "last(n: number): number"),
      errors: [{ message: message("PF2001", "val", "read after it"), line: 5, column: 5, endLine: 5, endColumn: 12, suggestions: [] }],
    },
    {
      filename: "view.tsx",
      code: lines(
        "export const View = (p: { n: number }) => <b>{p.n}</b>;",
        "export const last = (n: number): number => {",
        "  let v = 0;",
        "  for (const i of prange(n)) { v = i; }",
        "  return v;",
        "};",
      ),
      errors: [{ message: message("PF2001", "v", "read after it"), line: 4, column: 32, endLine: 4, endColumn: 37, suggestions: [] }],
    },
    {
      filename: "shift.ts",
      code: lines(
        "export const shift = (a: Float64Array, n: number): void => {",
        "  let t = 0;",
        "  for (const i of prange(n)) {",
        "    a[i] = t;",
        "    t = i;",
        "  }",
        "};",
      ),
      errors: [
        {
          message: message("PF2001", "t", "read before it is written in an iteration"),
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 10,
          suggestions: [
            {
              messageId: "fix",
              data: { description: "Declare 't' inside the loop body (each iteration gets its own 't')" },
              output: lines(
                "export const shift = (a: Float64Array, n: number): void => {",
                "  for (const i of prange(n)) {",
                "    let t = 0;",
                "    a[i] = t;",
                "    t = i;",
                "  }",
                "};",
              ),
            },
          ],
        },
      ],
    },
  ],
});
