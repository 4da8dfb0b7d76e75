import { loadTypescript } from "../platform.js";
let cached;
/**
 * The TypeScript compiler API, loaded on first use (compiler/platform.ts): programs whose
 * kernels never compile never pay it.
 */
export function typescript() {
    if (!cached)
        cached = loadTypescript();
    return cached;
}
