/**
 * `parfor build [--project tsconfig.json] [--out-dir DIR]`: compiles every `parallel()` kernel of
 * a TypeScript project ahead of time (see aot/build.ts). Prints each kernel, each skipped call
 * with file:line and why, and the race diagnostics `parfor check` would print. Exit code 0 when
 * built (skipped calls and warnings do not fail), 1 with errors (nothing is written), 2 for a
 * usage error.
 */
import { parseArgs } from "node:util";
import { relative } from "node:path";
import { build, DEFAULT_MAX_VARIANTS } from "../aot/build.js";

export const BUILD_USAGE = `Usage: parfor build [--project tsconfig.json] [--out-dir DIR] [--max-variants N] [--format text|json]

Compiles every parallel() kernel of a TypeScript project to WebAssembly ahead of time and writes
DIR/parfor-manifest.json and DIR/parfor/*.wasm (DIR: the project's outDir). Run it after tsc:
kernels are keyed by the text of the emitted JavaScript. At run time, parallel() finds the
manifest above the calling file (or PARFOR_MANIFEST) and uses the kernels without loading the
compiler.

Options:
  -p, --project <file>     tsconfig.json of the project (default: tsconfig.json)
  --out-dir <dir>          where to write (default: the project's outDir)
  --max-variants <n>       most specialisations per kernel (default: ${DEFAULT_MAX_VARIANTS})
  --format <text|json>     output format (default: text)
  -h, --help               show this help`;

export function runBuild(argv: readonly string[]): number {
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
  } catch (e) {
    process.stderr.write(`parfor: ${(e as Error).message}\n\n${BUILD_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(BUILD_USAGE + "\n");
    return 0;
  }
  const max = values["max-variants"] === undefined ? DEFAULT_MAX_VARIANTS : Number(values["max-variants"]);
  if (!Number.isInteger(max) || max < 1 || (values.format !== "text" && values.format !== "json")) {
    process.stderr.write(`parfor: --max-variants must be a positive integer and --format text or json\n\n${BUILD_USAGE}\n`);
    return 2;
  }
  const report = build({ project: values.project!, outDir: values["out-dir"], maxVariants: max });
  const rel = (f: string): string => relative(process.cwd(), f) || f;
  if (values.format === "json") process.stdout.write(JSON.stringify(report, null, 2) + "\n");
  else {
    const out: string[] = [];
    for (const k of report.kernels) out.push(`built ${rel(k.file)}:${k.line} ${k.name}: ${k.variants} specialisation(s)${k.note ? ` (${k.note})` : ""}`);
    for (const s of report.skipped) out.push(`${rel(s.file)}:${s.line}:${s.column} - skipped: ${s.reason}`);
    for (const d of report.diagnostics) out.push(`${rel(d.file)}:${d.line}:${d.column} - ${d.severity} ${d.code}: ${d.message}`);
    process.stdout.write(out.join("\n") + (out.length ? "\n" : ""));
    const warnings = report.diagnostics.length - report.errors;
    process.stderr.write(
      report.errors
        ? `${report.errors} error(s), ${warnings} warning(s): nothing written\n`
        : `${report.kernels.length} kernel(s), ${report.wasmFiles} .wasm file(s) (${report.wasmBytes} bytes), ${report.skipped.length} skipped, ${warnings} warning(s): ${rel(report.manifest)}\n`,
    );
  }
  return report.errors ? 1 : 0;
}
