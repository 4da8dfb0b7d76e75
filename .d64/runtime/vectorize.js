/**
 * `vectorize(f)`: a parallel map, like Numba's `@vectorize(target="parallel")`. `f` takes numbers
 * and returns a number; `vectorize(f)(x, 0.5, y)` calls it for every index of the array arguments
 * (all of one length; number arguments are the same for every element) and returns a new
 * Float64Array of the results, `.into(out, ...)` writes them into `out` (in place, with no copy
 * when `out` and the inputs are parfor arrays), `.async(...)` does either without blocking.
 *
 * Each pattern of array and number arguments becomes one ordinary kernel (compiler/frontend/
 * vectorize.ts writes its text), compiled by `parallel()`: the same analysis, the same bits as
 * the plain map, the same options.
 */
import { mapKernelSource, ParforCompileError } from "../compiler/index.js";
import { parallel } from "./parallel.js";
import { prange } from "./prange.js";
import { viewFacts } from "./views.js";
const KEYS = new Set(["threads", "schedule", "chunkSize", "fallback", "globals", "warnings", "cache"]);
export function vectorize(f, options) {
    if (typeof f !== "function")
        throw new TypeError(`vectorize(): f must be a function, got ${f === null ? "null" : typeof f}`);
    if (options !== undefined && (options === null || typeof options !== "object"))
        throw new TypeError("vectorize(): options must be an object");
    for (const k of Object.keys(options ?? {}))
        if (!KEYS.has(k))
            throw new TypeError(`vectorize(): option '${k}' is not an option of vectorize (known: ${[...KEYS].join(", ")}).`);
    const name = f.name || "vectorized";
    const text = f.toString();
    const kernels = new Map();
    /** Checks the arguments; returns the common length and the array/number pattern. */
    const shape = (args) => {
        if (args.length !== f.length)
            throw new TypeError(`${name}: expected ${f.length} argument${f.length === 1 ? "" : "s"}, got ${args.length}`);
        let n = -1;
        const arrays = args.map((a, k) => {
            if (typeof a === "number" || typeof a === "boolean")
                return false;
            const v = viewFacts(a);
            if (v === null)
                throw new TypeError(`${name}: argument ${k + 1} must be a number, a boolean or a typed array, got ${a === null ? "null" : Array.isArray(a) ? "an Array" : typeof a}`);
            if (n >= 0 && v.length !== n)
                throw new TypeError(`${name}: array arguments must have one length: argument ${k + 1} has ${v.length} elements, an earlier one ${n}`);
            n = v.length;
            return true;
        });
        if (n < 0)
            throw new TypeError(`${name}: at least one argument must be a typed array (with numbers only, call the function itself)`);
        return { n, arrays };
    };
    const kernelFor = (arrays) => {
        const key = arrays.map((a) => (a ? "a" : "s")).join("");
        let k = kernels.get(key);
        if (k === undefined) {
            const r = mapKernelSource(text, arrays);
            if ("error" in r) {
                if (options?.fallback !== "js")
                    throw new ParforCompileError(`parfor: cannot vectorize '${name}': ${r.error}`, []);
                // the plain map, as the kernel would compute it
                const plain = (out, ...xs) => {
                    for (let i = 0; i < out.length; i++)
                        out[i] = f(...xs.map((x, j) => (arrays[j] ? x[i] : x)));
                };
                process.emitWarning(`parfor: vectorize '${name}' runs as plain JavaScript: ${r.error}`, { type: "ParforWarning", code: "PF3004" });
                k = Object.assign(plain, { async: async (...a) => plain(...a), diagnostics: [], fn: plain });
            }
            else {
                // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the kernel text made above from f's own text
                const kernelFn = new Function("prange", `return ${r.source}`)(prange);
                k = parallel(kernelFn, options);
            }
            kernels.set(key, k);
        }
        return k;
    };
    const call = (...args) => {
        const { n, arrays } = shape(args);
        const out = new Float64Array(n);
        kernelFor(arrays)(out, ...args);
        return out;
    };
    const v = call;
    Object.defineProperty(v, "name", { value: name });
    Object.defineProperty(v, "fn", { value: f, enumerable: true });
    Object.defineProperty(v, "into", {
        value: (out, ...args) => {
            const { n, arrays } = shape(args);
            const o = viewFacts(out);
            if (o === null)
                throw new TypeError(`${name}.into: out must be a typed array`);
            if (o.length !== n)
                throw new TypeError(`${name}.into: out has ${o.length} elements, the arguments ${n}`);
            kernelFor(arrays)(out, ...args);
            return out;
        },
    });
    Object.defineProperty(v, "async", {
        value: async (...args) => {
            const { n, arrays } = shape(args);
            const out = new Float64Array(n);
            await kernelFor(arrays).async(out, ...args);
            return out;
        },
    });
    return v;
}
