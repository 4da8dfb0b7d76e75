import rule from "../../eslint/rules/shared-element-race.js";
import { jsTester, lines, message, tsTester } from "./tester.js";

const accumulate = lines(
  "export function acc(tot, n) {",
  "  for (const i of prange(n)) {",
  "    tot[0] += i;",
  "  }",
  "}",
);

jsTester.run("shared-element-race (espree)", rule, {
  valid: [
    { filename: "sum.js", code: "export function acc(tot, n) { let s = 0; for (const i of prange(n)) { s += i; } tot[0] = s; }" },
    { filename: "map.mjs", code: "export function f(a, n) { for (const i of prange(n)) { a[i] += i; } }" },
  ],
  invalid: [
    {
      filename: "acc.js",
      code: accumulate,
      errors: [
        {
          message: message("PF2002", "tot", "0", "i"),
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 16,
          suggestions: [
            {
              messageId: "fix",
              data: { description: "Accumulate in a scalar 'tot0' (a reduction) and add it to 'tot[0]' after the loop" },
              output: lines(
                "export function acc(tot, n) {",
                "  let tot0 = 0;",
                "  for (const i of prange(n)) {",
                "    tot0 += i;",
                "  }",
                "  tot[0] += tot0;",
                "}",
              ),
            },
          ],
        },
      ],
    },
    {
      // a plain store is last-write-wins, not an accumulation: no mechanical fix
      filename: "store.mjs",
      code: "export function f(a, n) {\n  for (const i of prange(n)) a[1] = i;\n}",
      errors: [{ message: message("PF2002", "a", "1", "i"), line: 2, column: 30, endLine: 2, endColumn: 38, suggestions: [] }],
    },
  ],
});

tsTester.run("shared-element-race (typescript-eslint)", rule, {
  valid: [{ filename: "sum.ts", code: "export const f = (a: Float64Array, n: number): number => { let p = 1; for (const i of prange(n)) p *= a[i]; return p; };" }],
  invalid: [
    {
      filename: "prod.tsx",
      code: lines(
        "export const prod = (out: Float64Array, a: Float64Array): void => {",
        "  for (const i of prange(a.length)) {",
        "    out[0] *= a[i];",
        "  }",
        "};",
      ),
      errors: [
        {
          message: message("PF2002", "out", "0", "i"),
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 19,
          suggestions: [
            {
              messageId: "fix",
              data: { description: "Accumulate in a scalar 'out0' (a reduction) and add it to 'out[0]' after the loop" },
              output: lines(
                "export const prod = (out: Float64Array, a: Float64Array): void => {",
                "  let out0 = 1;",
                "  for (const i of prange(a.length)) {",
                "    out0 *= a[i];",
                "  }",
                "  out[0] *= out0;",
                "};",
              ),
            },
          ],
        },
      ],
    },
  ],
});
