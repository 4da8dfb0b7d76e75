/**
 * The diagnostics catalogue: for every code of messages.ts, what it means and how to fix it,
 * with a kernel that triggers it. `renderCatalogue()` writes docs/diagnostics.md (a test keeps
 * that file in step: `UPDATE_DOCS=1 npx vitest run test/compiler/diagnostics-catalogue.test.ts`).
 * The `Record<Code, …>` type makes a missing entry a compile error.
 */
import { type Code, messages } from "./messages.js";
import { MAX_NESTING } from "../frontend/limits.js";
import { PROVABLE } from "../analysis/provable.js";
import { CHECKED_MODE } from "./checked-mode.js";

export interface CatalogueEntry {
  /** what the finding means and why it matters */
  readonly explain: string;
  /** what to do */
  readonly fix: string;
  /** a kernel (or call) that triggers it */
  readonly example: string;
}

export const catalogue: Record<Code, CatalogueEntry> = {
  PF1001: { explain: "The kernel uses a construct outside parfor's kernel language (strings, objects, switch, try, for...in, closures, ...).", fix: "Rewrite it with numbers, booleans, typed arrays, if/else and loops; the message names the construct and the alternative.", example: "(n) => { switch (n) { case 1: return 1; } return 0; }" },
  PF1002: { explain: "A name that is neither a parameter, a local, `Math`, `Number` nor `prange`. This is also how writes to captured outer state are caught: a kernel cannot see or change variables of the enclosing scope.", fix: "Pass the value as a parameter or bind it with `globals`; return results or write them to an array parameter.", example: "(n) => n * dx" },
  PF1003: { explain: "A call of a function that is neither Math.* or Number.* nor a helper the compiler can see: a function declared in the kernel (`function f`, `const f = (x) => …`) or passed in the option `globals` is compiled from its text and inlined; anything else (a method, an imported function the kernel does not receive in `globals`) could not be analysed or run on the workers.", fix: "Declare the helper inside the kernel, pass it in `globals: { f }`, or compute the value before the call.", example: "(n) => { return foo(n); }" },
  PF1004: { explain: "`return` inside a prange: iterations run in parallel, so there is no first iteration to return from.", fix: "Store the result in an array or a reduction variable and return after the loop.", example: "(n) => { for (const i of prange(n)) { return i; } return 0; }" },
  PF1005: { explain: "`break` out of a prange: every iteration of a prange runs.", fix: "Set a flag (`found = true`) and skip work with `continue`, or use a serial loop.", example: "(n) => { for (const i of prange(n)) { if (i > 2) break; } }" },
  PF1006: { explain: "A variable holds both booleans and numbers.", fix: "Give it one type (0/1 instead of false/true).", example: "(n) => { let x = 0; x = true; return 1; }" },
  PF1007: { explain: "Assignment to a constant or to the prange loop variable (which would change the iteration space under the scheduler).", fix: "Use another variable.", example: "(n) => { for (const i of prange(n)) { i = 2; } }" },
  PF1008: { explain: "A parameter with a default value, destructuring or rest syntax.", fix: "Use plain parameters of type number, boolean or a typed array.", example: "(n = 2) => n" },
  PF1009: { explain: "The text is not one function parfor can parse (or, for `parfor check`, the file does not parse).", fix: "Pass a function; fix the syntax error.", example: "not a function at all" },
  PF1010: { explain: "The kernel returns something other than a number, a boolean or nothing, or returns values of different kinds.", fix: "Return one number or boolean; update arrays in place.", example: "(n) => { if (n > 0) return true; return 1; }" },
  PF1011: { explain: "An array used as a number (in arithmetic, compared, passed to Math).", fix: "Index arrays (`a[i]`), read `.length`, name them (`const t = a`) or return them.", example: "(a) => { const b = a * 2; return a[0]; }" },
  PF1012: { explain: "A Math or Number member that parfor does not support.", fix: "Use the numeric Math/Number members listed in the README.", example: "(n) => Math.foo(n)" },
  PF1013: { explain: "One scalar updated with two different reduction operators in one prange: partial results cannot be combined.", fix: "Use one variable per operator and combine them after the loop.", example: "(a) => { let s = 0; for (const i of prange(a.length)) { s += a[i]; s *= 2; } return s; }" },
  PF1014: { explain: `The kernel is nested deeper than ${MAX_NESTING} levels: brackets, calls, blocks and loops each add a level, and so does each operand of one long chain (\`a + b + c + …\` is a tree as deep as it has terms). The parser and every phase of the compiler walk the kernel recursively, so nesting is bounded to keep them within the stack; the limit is checked before anything recurses. The same code reports a compiler that ran out of stack anyway (called from a deep recursion).`, fix: "Compute parts of the expression into local variables (`const s1 = …; const s2 = …; return s1 + s2;`) or accumulate long sums in a loop.", example: `(x) => ${"(".repeat(MAX_NESTING + 1)}x${")".repeat(MAX_NESTING + 1)}` },
  PF1015: { explain: "The compiler itself failed on the kernel (an exception that is not a diagnostic). No kernel should cause it; it is reported as a compile error so that `fallback: \"js\"`, `parfor check` and the editor plugins see a diagnostic rather than a crash.", fix: "Report the kernel's text to parfor's issue tracker; meanwhile use `fallback: \"js\"` or rewrite the construct the message names.", example: "(no kernel triggers it; an internal failure such as a `globals` value whose getter throws)" },
  PF1016: { explain: "A helper function calls itself, directly or through other helpers. Helpers (functions declared in the kernel and functions passed in `globals`) are inlined at every call, which recursion would never finish.", fix: "Rewrite the recursion as a loop (with an explicit stack in a typed array if needed).", example: "(n) => { function f(k) { return k <= 1 ? 1 : k * f(k - 1); } return f(n); }" },
  PF1017: { explain: "A helper function is used in a way inlining cannot keep exact: passed or stored as a value, called with a different number of arguments than it declares, a helper with loops or early returns called where it may run zero or several times (a condition, a loop header, `&&`, `||`, `?:`), or called in a statement whose other parts read or change what the helper changes (its body runs just before the statement).", fix: "Call the helper in a statement of its own (`const r = f(…);`) and use the result; pass every parameter; call helpers rather than passing them.", example: "(a, n) => { function find(x) { for (let i = 0; i < n; i++) if (a[i] === x) return i; return -1; } return n > 0 && find(1) > 0 ? 1 : 0; }" },
  PF1018: { explain: "An array variable is used in a way parfor cannot follow: one that holds arrays of two kinds or an array and a number, an array variable assigned inside a prange loop or assigned where its value is used, `new` of a typed array anywhere but a declaration's or an array variable's value, or an array method other than `.fill(value)`.", fix: "Give each array variable one kind, assign array variables in statements of their own outside prange loops, declare per-iteration arrays with `const t = new Float64Array(m)` inside the loop, and copy with a for loop instead of `.set`/`.subarray`.", example: "(a, n) => { let t = new Float64Array(n); t = new Int32Array(n); for (const i of prange(n)) a[i] = t[i]; }" },
  PF2001: { explain: "A scalar declared outside the prange is assigned in it and read after the loop (or read in an iteration before that iteration writes it). Which iteration's write survives depends on timing (Numba's `val = i`). A scalar that only one iteration touches (every access under `if (i === c)`) is not reported; scalars written before they are read in every iteration and dead after the loop are privatised silently.", fix: "Declare the variable inside the loop, make it a reduction (`s += …`, `m = Math.max(m, …)`), or store per-iteration values in an array.", example: "(n) => { let val = 0; for (const i of prange(n)) { val = i; } return val; }" },
  PF2002: { explain: "An array element written at an index that does not depend on the prange index: every iteration writes the same element, so the last writer wins or concurrent read-modify-writes are lost (`tot[0] = i`, or `tot[0] += i * tot[1]`, which also reads the array). A plain `tot[0] += i` whose array the loop does not otherwise access is an array reduction, not a race.", fix: "Accumulate in a scalar reduction and store it after the loop, or update the element only through one reduction operator and access the array nowhere else in the loop.", example: "(tot, n) => { for (const i of prange(n)) { tot[0] += i * tot[1]; } }" },
  PF2003: { explain: "A reduction variable is also read inside the loop (a prefix sum, a test on the running total): each thread sees only its own partial value.", fix: "Read it only after the loop, or compute prefix sums in two passes.", example: "(a) => { let s = 0; for (const i of prange(a.length)) { s += a[i]; a[i] = s; } return s; }" },
  PF2004: { explain: "A min/max written so that a NaN replaces the running value: that is not an associative operation parfor can combine, and iterations race on the variable.", fix: "Write `s = Math.max(s, x)` or `if (x > s) s = x`.", example: "(a) => { let s = 0; for (const i of prange(a.length)) s = s >= a[i] ? s : a[i]; return s; }" },
  PF2005: { explain: "Two accesses to one array, at least one a write, have affine subscripts in the loop indices, and the dependence tests (delinearisation, GCD, bounds/strong SIV, with the bounds of the prange and of nested serial loops and with conditions such as `if (i < n / 2)`) could not prove that different iterations touch different elements; when the distance is constant the message gives it. True (`a[i + 1] = a[i]`), anti (`a[i] = a[i + 1]`) and output dependences are all reported.", fix: "Write results to a separate array (double buffering) and swap after the loop, restructure so each iteration owns its elements (`a[i * n + j]` with `0 <= j < n`), or use a serial loop.", example: "(a, n) => { for (const i of prange(n)) { a[i + 1] = a[i]; } }" },
  PF2006: { explain: "A possible race: independence cannot be proven because a subscript goes through an index array (`a[idx[i]] = x[i]`), is not affine (`i % 4`, `Math.floor(i / 2)`, a variable reassigned in the loop), or the accesses are under a condition the analysis cannot resolve (`if (x[i] > 0)`). Conditions on the loop index (`if (i === 0)`, `if (i < n / 2)`, `if (j > 0) continue`) are resolved and do not lead here. The message says which of these applies.", fix: "If the indices are distinct (a permutation), the loop is safe and the warning can be accepted with `warnings: false`; otherwise give each iteration its own slots (per-iteration rows) and combine after the loop, or run the loop serially. An update through one reduction operator (`bins[data[i]] += 1`, `++`, `-=`, `*=`, `|=`, `&=`, `Math.max`/`Math.min`) of an array the loop accesses nowhere else is an array reduction and is not reported; when an update is close to one, the message says what stops it.", example: "(a, idx, x) => { for (const i of prange(x.length)) a[idx[i]] = x[i]; }" },
  PF2007: { explain: "A variable used in the prange's bounds is changed inside the loop. The bounds are evaluated once, before the loop, so the change does not do what a serial reading suggests, and iterations race on the variable (a `n -= 1` would even be combined as a reduction).", fix: "Copy the bound into a const before the loop; use another variable inside.", example: "(a, n) => { for (const i of prange(n)) { a[i] = 1; n = n - 1; } }" },
  PF2008: { explain: "At call time two array arguments share memory (the same buffer, overlapping byte ranges), the kernel writes one and reads the other in a prange, and with the overlap the accesses can touch one element from different iterations (for identical views the dependence tests decide; shifted views always count). Reported once per kernel and argument pair; the call then runs on one thread, in order, so it returns the plain function's result. With `PARFOR_ALIASING=error` the call is refused with a TypeError.", fix: "Pass arrays that do not overlap (copy one first), or accept the serial run.", example: "k(buf.subarray(1), buf.subarray(0, buf.length - 1)) for (dst, src) => { for (const i of prange(dst.length)) dst[i] = src[i] + 1; }" },
  PF3001: { explain: "A call passed an argument of the wrong kind for a parameter.", fix: "Pass a number, a boolean or one of the supported typed arrays, as the kernel's parameter needs.", example: "k(\"3\") for (n: number) => …" },
  PF3002: { explain: "A call passed the wrong number of arguments.", fix: "Pass exactly the kernel's parameters.", example: "k(1, 2) for (n) => …" },
  PF3003: { explain: "An option of `parallel(fn, options)` is unknown or has a bad value.", fix: "Use the options listed in the README with valid values.", example: "parallel(fn, { threads: 0 })" },
  PF3004: { explain: "With `fallback: \"js\"`, a kernel that cannot be compiled runs as plain JavaScript; this warning says why, once.", fix: "Fix the compile error it quotes to get the parallel version.", example: "parallel((n) => foo(n), { fallback: \"js\" })" },
  PF4001: { explain: "An ordinary typed array (not made by parfor.array) cannot be shared with the worker threads: each call copies it into parfor's shared memory when the kernel reads or writes it, and back when the kernel writes it, on the calling thread. For cheap loops over large arrays (axpy, a square-and-sum map) the copies take longer than the work, and the kernel runs slower than the plain loop. Reported once per kernel, at call time, when copies of at least 1 MiB took more than a third of a call.", fix: "Allocate the data with `parfor.array(Float64Array, n)` from the start, or move it once with `parfor.array.from(a)` and pass the result to every call; free it with `parfor.free` when done.", example: "axpy(x, y, 2) with x, y ordinary Float64Arrays of 10^7 elements" },
  PF4002: { explain: "A prange reduces arrays through private copies, one per chunk, and the copies of all its chunks together may take at most 64 MiB: above that the loop uses fewer, larger chunks (chosen from the iteration count and the array lengths only, so results stay the same for any thread count). When not even two copies fit, the loop runs as one chunk on one thread and updates the arrays in place, which gives exactly the plain loop's results. Reported once per kernel and loop, at call time.", fix: "Reduce into a smaller array (fewer bins, a narrower element type), or split the loop into passes over parts of the array.", example: "h[k[i]] += 1 with h a Float64Array of 5 million elements" },
};

const esc = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** docs/diagnostics.md */
export function renderCatalogue(): string {
  const codes = Object.keys(messages) as Code[];
  const out: string[] = [
    "# parfor diagnostics",
    "",
    "Generated from `compiler/diagnostics/messages.ts` and `compiler/diagnostics/catalogue.ts`; do not edit by hand",
    "(`UPDATE_DOCS=1 npx vitest run test/compiler/diagnostics-catalogue.test.ts` rewrites it).",
    "",
    "Families: PF1xxx unsupported input (errors: the kernel does not compile), PF2xxx loop analysis: races and",
    "reductions (warnings: the kernel still runs), PF3xxx arguments, options and fallbacks, PF4xxx performance hints.",
    "`parfor check` and `kernel.diagnostics` report the compile-time codes; PF2008, PF3xxx and PF4xxx come at call time.",
    "",
    "| code | severity | name | message |",
    "| --- | --- | --- | --- |",
    ...codes.map((c) => `| [${c}](#${c.toLowerCase()}) | ${messages[c].category} | \`${messages[c].name}\` | ${esc(messages[c].text)} |`),
    "",
  ];
  for (const c of codes) {
    const m = messages[c];
    const e = catalogue[c];
    out.push(`## ${c}`, "", `\`${m.name}\`, ${m.category}.`, "", `**Message:** ${m.text}`, "", `**Explanation:** ${e.explain}`, "", `**Fix:** ${e.fix}`, "", "**Example:**", "", "```ts", e.example, "```", "");
  }
  out.push(...PROVABLE, ...CHECKED_MODE);
  return out.join("\n");
}
