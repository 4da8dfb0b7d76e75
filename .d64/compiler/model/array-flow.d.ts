/**
 * Array-ness along assignments, before types: a variable indexed somewhere is an array (build.ts
 * marks it), and so is every variable an array flows into or out of by `=`, a declaration, or an
 * arm of `?:` (`let src = a`, `src = dst`, `const cur = f ? a : b`, `return f ? a : b`). So a parameter that is only
 * ever indexed through a local name (`const S = stockPrice; … S[i]`) is an array parameter of the
 * kernel's shape, and its default type is Float64Array like a directly indexed one. The element
 * kinds are decided later (analysis/arrays.ts), from the signature.
 */
import type { Kernel } from "./ir.js";
/** Marks (provisionally Float64Array) every variable connected by assignments to an array variable. */
export declare function flowArrayness(k: Kernel): void;
