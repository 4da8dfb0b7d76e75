/**
 * Fixed costs: the first call in a cold process, compiling a new kernel once the compiler is
 * loaded, and a parallel call that has almost nothing to do.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parallel, prange } from "../index.js";
import { median } from "./stats.js";
/** Spawns `node dist/bench/cold-start.js` and returns its report. */
export function coldStart() {
    const script = fileURLToPath(new URL("./cold-start.js", import.meta.url));
    const t0 = performance.now();
    const child = spawnSync(process.execPath, [script], { encoding: "utf8" });
    const processWallMs = performance.now() - t0;
    if (child.status !== 0)
        throw new Error(`cold-start child failed (${child.status}): ${child.stderr}`);
    const line = child.stdout.trim().split("\n").pop() ?? "";
    return { ...JSON.parse(line), processWallMs };
}
/**
 * Builds `count` kernels that differ only in a constant (so no cache can serve them), and times
 * defining each and its first call against its later calls on a tiny input.
 */
export function compileTime(count = 7) {
    const define = [];
    const extra = [];
    for (let c = 0; c < count; c++) {
        // a fresh arrow function whose source text is unique; `prange` is bound by name, as always
        const fn = new Function("prange", `return (n) => { let s = 0; for (const i of prange(n)) { const x = (i + 0.5) / n; s += ${c + 2} / (1 + x * x); } return s / n; };`)(prange);
        const t0 = performance.now();
        const k = parallel(fn);
        const t1 = performance.now();
        k(64);
        const t2 = performance.now();
        const later = [];
        for (let i = 0; i < 9; i++) {
            const t = performance.now();
            k(64);
            later.push(performance.now() - t);
        }
        define.push(t1 - t0);
        extra.push(t2 - t1 - median(later));
    }
    return { defineMs: median(define), firstCallExtraMs: median(extra), kernels: count };
}
/** Median over batches of `batch` calls (calls = batches × batch), after a warm-up. */
export function emptyCall(threads, batches = 40, batch = 500) {
    const plain = (n) => {
        let s = 0;
        for (const i of prange(n)) {
            s += i;
        }
        return s;
    };
    const k = parallel(plain, { threads });
    const perCall = (fn) => {
        for (let i = 0; i < batch; i++)
            fn(2);
        const samples = [];
        for (let b = 0; b < batches; b++) {
            const t0 = performance.now();
            for (let i = 0; i < batch; i++)
                fn(2);
            samples.push(((performance.now() - t0) * 1000) / batch);
        }
        return median(samples);
    };
    return { threads, parforUs: perCall(k), plainUs: perCall(plain), calls: batches * batch };
}
