/**
 * First-call latency in a cold process, three ways (issue 6): kernels precompiled by `parfor
 * build` (manifest), kernels from the JIT compile cache (written by an earlier process), and a
 * JIT compile (TypeScript loaded on the first call). Each round starts fresh processes; each
 * process brings the pool up first, then times the first call of every example kernel on a
 * small input and the same call again (the difference is the first call's own cost). Also: what
 * a bundle ships (examples/bundler-app with esbuild).
 *
 *   npm run build && node dist/bench/aot-latency.js [--rounds 5] [--json FILE]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "..");
const root = join(dist, "..");
const SMALL = { pi: [1e4], simpson: [1e4], integral2d: [64], matvec: [64], kmeans: [1000, 3, 4], mandelbrot: [32, 24, 50] };
/** The child: pool up, then every example's first call. Prints JSON. */
async function child() {
    const { threads } = await import("../index.js");
    const { ensureWorkers } = await import("../runtime/pool.js");
    const { examples } = await import("../examples/all.js");
    process.on("warning", () => { });
    ensureWorkers(threads() - 1, true);
    const poolUp = performance.now();
    const calls = [];
    for (const ex of examples) {
        const input = ex.name === "intsum" ? [16, 8, 8, 8] : ex.makeInput(...(SMALL[ex.name] ?? []));
        const t0 = performance.now();
        ex.kernel(...input);
        const t1 = performance.now();
        ex.kernel(...input);
        calls.push({ name: ex.name, first: t1 - t0, again: performance.now() - t1 });
    }
    const compiler = Object.keys(createRequire(import.meta.url).cache).some((f) => /[\\/]node_modules[\\/]typescript[\\/]/.test(f));
    process.stdout.write(JSON.stringify({ poolUp, done: performance.now(), calls, compiler }) + "\n");
}
const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
};
async function main() {
    const args = process.argv.slice(2);
    const rounds = Number(args[args.indexOf("--rounds") + 1] ?? 5) || 5;
    const jsonOut = args.includes("--json") ? args[args.indexOf("--json") + 1] : undefined;
    const tmp = mkdtempSync(join(tmpdir(), "parfor-aot-bench-"));
    try {
        const out = join(tmp, "build");
        const t0 = performance.now();
        execFileSync(process.execPath, [join(dist, "cli/parfor.js"), "build", "--out-dir", out, "--format", "json"], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
        const buildMs = performance.now() - t0;
        const cache = join(tmp, "cache");
        const base = { ...process.env, PARFOR_MANIFEST: "", PARFOR_CACHE: "" };
        const modes = {
            precompiled: { ...base, PARFOR_MANIFEST: join(out, "parfor-manifest.json") },
            cached: { ...base, PARFOR_CACHE: cache },
            jit: base,
        };
        const run = (env) => JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--child"], { env, encoding: "utf8" }));
        run(modes.cached); // fills the cache
        const results = {};
        for (let r = 0; r < rounds; r++) {
            for (const [mode, env] of Object.entries(modes)) {
                const x = run(env);
                const m = (results[mode] ??= { firstKernel: [], otherKernels: [], overhead: [], total: [], compiler: false });
                m.firstKernel.push(x.calls[0].first);
                m.otherKernels.push(median(x.calls.slice(1).map((c) => c.first)));
                m.overhead.push(Math.max(...x.calls.map((c) => c.first - c.again)));
                m.total.push(x.done);
                m.compiler ||= x.compiler;
            }
        }
        // the bundle
        execFileSync(process.execPath, [join(root, "examples/bundler-app/build.mjs"), "esbuild"], { cwd: root, stdio: "ignore" });
        const bundleFile = join(root, "examples/bundler-app/dist/esbuild/main.js");
        const bundle = readFileSync(bundleFile, "utf8");
        const inlineWasm = [...bundle.matchAll(/\bwasm"?:"([A-Za-z0-9+/=]{8,})"/g)].reduce((n, m) => n + Buffer.from(m[1], "base64").length, 0);
        const summary = {
            rounds,
            buildMs,
            modes: Object.fromEntries(Object.entries(results).map(([k, v]) => [
                k,
                { firstCallMs: median(v.firstKernel), otherFirstCallsMs: median(v.otherKernels), worstFirstCallOverheadMs: median(v.overhead), processMs: median(v.total), compilerLoaded: v.compiler },
            ])),
            bundle: { bytes: statSync(bundleFile).size, inlineWasmBytes: inlineWasm, kernels: 2 },
        };
        console.log("first call of the first kernel after the pool is up (median over rounds, ms):");
        for (const [k, v] of Object.entries(summary.modes)) {
            console.log(`  ${k.padEnd(12)} first ${v.firstCallMs.toFixed(2)}  other kernels' first ${v.otherFirstCallsMs.toFixed(2)}  worst first-call overhead ${v.worstFirstCallOverheadMs.toFixed(2)}  process ${v.processMs.toFixed(0)}  compiler loaded: ${v.compilerLoaded}`);
        }
        console.log(`parfor build of the repo: ${buildMs.toFixed(0)} ms`);
        console.log(`bundle (examples/bundler-app, esbuild, minified): ${summary.bundle.bytes} bytes, of which ${summary.bundle.inlineWasmBytes} bytes of wasm (base64 in the file)`);
        if (jsonOut)
            writeFileSync(jsonOut, JSON.stringify(summary, null, 2) + "\n");
    }
    finally {
        rmSync(tmp, { recursive: true, force: true });
    }
}
if (process.argv.includes("--child"))
    await child();
else
    await main();
