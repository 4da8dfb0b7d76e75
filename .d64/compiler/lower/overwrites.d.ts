/**
 * Which array parameters a call overwrites in full before it reads them, so the runtime can skip
 * copying an ordinary typed array into shared memory (the copy back still happens).
 *
 * The proof is syntactic and kept narrow, because a wrong one hands the caller stale heap bytes:
 *
 *   - the first top-level statement of the kernel that touches the array's elements (through any
 *     variable that may hold it: analysis/points-to.ts) is a prange `prange(stop)` (or
 *     `prange(0, stop)`, step 1), where `stop` is a scalar parameter the kernel never assigns or
 *     the `.length` of an array that can only be one parameter's argument;
 *   - no statement before that prange can return;
 *   - in its body the first statement that touches the array is either a store `p[x] = e` to the
 *     array itself, with `e` not reading it, or a *row loop* `for (let j = 0; j < m; j++)` or
 *     `for (let j = m - 1; j >= 0; j--)` (j not assigned in it, m a bound as above, no `break` or
 *     `return` in it) whose body satisfies the same rule, to any depth;
 *   - every statement before that one runs to its end (no `continue`, `break` or `return`
 *     anywhere inside);
 *   - the index x, built with `+` and `*` from the counters, the row lengths and non-negative
 *     integer constants (locals declared once from such an expression and never assigned stand
 *     for their value: see Atoms for why that makes its double arithmetic exact), is as a
 *     polynomial the row-major position
 *     `i * m1 * ... * mk + j1 * m2 * ... * mk + ... + jk` of the counters i, j1..jk of the prange
 *     and the row loops around the store (`p[i]`, `p[i * m + j]`, `p[(k * d2 + j) * d1 + i]`), or
 *     c consecutive such stores are at c times that position plus 0, ..., c - 1 (records of c
 *     elements: `p[2 * e] = re; p[2 * e + 1] = im`);
 *   - after the store, in the same body, the array is only stored to (`=`), or read or updated at
 *     an index with the same polynomial: the element this iteration has just written; after a
 *     row loop nothing in the enclosing body touches the array.
 *
 * Then every index in [0, stop) (or [0, c * stop * m1 * ... * mk), for whole numbers) is stored
 * before any read of it unless the call fails, and the runtime copies a skipped array back only
 * when the call succeeds (runtime/marshal.ts).
 */
import type { ArraySlotOverwrite } from "../artifact.js";
import type { Kernel, Var } from "../model/ir.js";
/** The overwrite proof of array parameter `p`, or null. */
export declare function overwriteOf(k: Kernel, p: Var): ArraySlotOverwrite | null;
