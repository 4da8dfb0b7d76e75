/**
 * `parfor build [--project tsconfig.json] [--out-dir DIR] [--max-variants N] [--format text|json]`:
 * compiles every `parallel()` kernel of a TypeScript project ahead of time (see aot/build.ts).
 * Prints each kernel built, each that does not compile (file:line, its errors), each skipped call
 * with file:line and why, and the race diagnostics `parfor check` would print. Every kernel that
 * compiles is written. Exit code 0 when every kernel compiled or the ones that did not have
 * `fallback: "js"` (skipped calls and warnings do not fail), 1 when a kernel without it did not
 * compile, 2 for a usage error or a missing or broken tsconfig.
 */
import { parseArgs } from "node:util";
import { relative } from "node:path";
import { build, DEFAULT_MAX_VARIANTS } from "../aot/build.js";
import { ProjectError } from "../aot/discover.js";
export const BUILD_USAGE = `Usage: parfor build [--project tsconfig.json] [--out-dir DIR] [--max-variants N] [--format text|json]

Compiles every parallel() kernel of a TypeScript project to WebAssembly ahead of time and writes
DIR/parfor-manifest.json and DIR/parfor/*.wasm (DIR: the project's outDir). Run it after tsc:
kernels are keyed by the text of the emitted JavaScript. At run time, parallel() finds the
manifest above the calling file (or PARFOR_MANIFEST) and uses the kernels without loading the
compiler. A kernel that does not compile is reported (file:line, errors) and the others are
still written; exit code 1 only when such a kernel has no fallback: "js", 2 for a usage error.

Options:
  -p, --project <file>     tsconfig.json of the project (default: tsconfig.json)
  --out-dir <dir>          where to write (default: the project's outDir)
  --max-variants <n>       most specialisations per kernel (default: ${DEFAULT_MAX_VARIANTS})
  --format <text|json>     output format (default: text)
  -h, --help               show this help`;
export function runBuild(argv) {
    let values;
    try {
        ({ values } = parseArgs({
            args: [...argv],
            allowPositionals: false,
            options: {
                project: { type: "string", short: "p", default: "tsconfig.json" },
                "out-dir": { type: "string" },
                "max-variants": { type: "string" },
                format: { type: "string", default: "text" },
                help: { type: "boolean", short: "h", default: false },
            },
        }));
    }
    catch (e) {
        return usage(e.message);
    }
    if (values.help) {
        process.stdout.write(BUILD_USAGE + "\n");
        return 0;
    }
    const maxText = values["max-variants"];
    const max = maxText === undefined ? DEFAULT_MAX_VARIANTS : /^\d+$/.test(maxText.trim()) ? Number(maxText) : NaN;
    if (!Number.isSafeInteger(max) || max < 1)
        return usage(`--max-variants must be a positive integer, got '${maxText}'`);
    if (values.format !== "text" && values.format !== "json")
        return usage(`--format must be text or json, got '${values.format}'`);
    let report;
    try {
        report = build({ project: values.project, outDir: values["out-dir"], maxVariants: max });
    }
    catch (e) {
        if (!(e instanceof ProjectError))
            throw e;
        process.stderr.write(`parfor build: ${e.message}\n`);
        return 2;
    }
    const rel = (f) => relative(process.cwd(), f) || f;
    if (values.format === "json")
        process.stdout.write(JSON.stringify(report, null, 2) + "\n");
    else {
        const out = [];
        for (const k of report.kernels)
            out.push(`built ${rel(k.file)}:${k.line} ${k.name}: ${k.variants} specialisation(s)${k.note ? ` (${k.note})` : ""}`);
        for (const s of report.skipped)
            out.push(`${rel(s.file)}:${s.line}:${s.column} - skipped: ${s.reason}`);
        for (const d of report.diagnostics)
            out.push(`${rel(d.file)}:${d.line}:${d.column} - ${d.severity} ${d.code}: ${d.message}`);
        for (const f of report.failed) {
            const then = f.fallback ? `fallback: "js": it runs as plain JavaScript` : `it fails when called (or pass fallback: "js")`;
            out.push(`${rel(f.file)}:${f.line}:${f.column} - not built: kernel '${f.name}' (${f.errors} error${f.errors === 1 ? "" : "s"}); ${then}`);
        }
        process.stdout.write(out.join("\n") + (out.length ? "\n" : ""));
        const warnings = report.diagnostics.length - report.errors;
        const strict = report.failed.filter((f) => !f.fallback).length;
        const notBuilt = report.failed.length
            ? `, ${report.failed.length} not built (${strict ? `${strict} without fallback: "js"` : `fallback: "js"`})`
            : "";
        process.stderr.write(`${report.kernels.length} kernel(s) built${notBuilt}, ${report.wasmFiles} .wasm file(s) (${report.wasmBytes} bytes), ` +
            `${report.skipped.length} skipped, ${report.errors} error(s), ${warnings} warning(s): ${rel(report.manifest)}\n`);
    }
    return report.failed.some((f) => !f.fallback) ? 1 : 0;
}
function usage(message) {
    process.stderr.write(`parfor build: ${message}\n\n${BUILD_USAGE}\n`);
    return 2;
}
