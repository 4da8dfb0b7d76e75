import rule from "../../eslint/rules/shared-element-race.js";
import { jsTester, lines, message, tsTester } from "./tester.js";

// a plain `tot[0] += i` is an array reduction (no diagnostic); reading tot[1] keeps it a race
const accumulate = lines(
  "export function acc(tot, n) {",
  "  for (const i of prange(n)) {",
  "    tot[0] += i * tot[1];",
  "  }",
  "}",
);

jsTester.run("shared-element-race (espree)", rule, {
  valid: [
    { filename: "sum.js", code: "export function acc(tot, n) { let s = 0; for (const i of prange(n)) { s += i; } tot[0] = s; }" },
    { filename: "map.mjs", code: "export function f(a, n) { for (const i of prange(n)) { a[i] += i; } }" },
    { filename: "reduced.mjs", code: "export function acc(tot, n) { for (const i of prange(n)) { tot[0] += i; } }" },
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
          endColumn: 25,
          // the loop also reads tot[1]: moving tot[0] into a scalar is not offered
          suggestions: [],
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
        "    out[0] *= a[i] + out[1];",
        "  }",
        "};",
      ),
      errors: [
        {
          message: message("PF2002", "out", "0", "i"),
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 28,
          suggestions: [],
        },
      ],
    },
  ],
});
