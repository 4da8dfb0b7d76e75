/**
 * `parfor explain [paths or globs...]`: for every kernel of the files, what the compiler decided
 * for each prange (compiler/explain), compiled for the signature its annotations give (number and
 * Float64Array where there are none), with the globals `parfor check` binds. No call's facts:
 * threads, copies and aliasing are for `kernel.explain(...args)`.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { defaultParamTypes, explain, findKernels, shapeOf } from "../compiler/index.js";
const NUMBER_KINDS = { int: "s", int32: "i", double: "f" };
import { formatReport } from "../compiler/explain/format.js";
/** The reports of one file's kernels, positions absolute. */
export function explainFile(file, text = readFileSync(file, "utf8"), number = "s") {
    const shown = relative(process.cwd(), file) || file;
    const found = findKernels(file, text);
    if (found.parseErrors.length) {
        const e = found.parseErrors[0];
        return { text: `${shown}:${e.line}:${e.column}: the file does not parse: ${e.message}\n`, report: { file, kernels: [], parseError: e.message } };
    }
    const parts = [];
    const kernels = [];
    for (const k of found.kernels) {
        const options = k.globals ? { globals: k.globals } : {};
        const shape = shapeOf(k.text, options).shape;
        const params = shape ? defaultParamTypes(shape).map((t) => (t === "f" ? number : t)) : [];
        const r = explain(k.text, params, options).report;
        const report = { ...r, name: r.name === "anonymous" ? k.name : r.name };
        const abs = (a) => ({ line: k.line + a.line - 1, column: a.line === 1 ? k.column + a.column - 1 : a.column });
        parts.push(formatReport(report, {
            where: (a) => {
                const p = abs(a);
                return `${shown}:${p.line}:${p.column}`;
            },
            short: (a) => {
                const p = abs(a);
                return `${p.line}:${p.column}`;
            },
        }));
        kernels.push({ ...report, line: k.line, column: k.column });
    }
    return { text: parts.join("\n"), report: { file, kernels } };
}
const USAGE = `Usage: parfor explain [--format text|json] [--number int|int32|double] [paths or globs...]

For every kernel of the files: each prange loop, whether it runs in parallel or serially and
why, its reductions, privatised and copied-in variables, arrays, bounds checks moved to chunk
entry, two lanes or one and why, the schedule, and the race findings. Kernels are compiled for
their parameters' annotations (number, boolean, typed arrays; unannotated: number, Float64Array).
A number parameter is compiled as a call passing an integer in [0, 2^20] would (--number int,
the default), any int32 (--number int32) or any double (--number double).
For one call's facts (threads, copies of ordinary arrays, aliasing) use kernel.explain(...args).`;
export async function runExplain(argv, files) {
    const { parseArgs } = await import("node:util");
    let parsed;
    try {
        parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { format: { type: "string", default: "text" }, number: { type: "string", default: "int" }, help: { type: "boolean", short: "h", default: false } } });
    }
    catch (e) {
        process.stderr.write(`parfor: ${e.message}\n\n${USAGE}\n`);
        return 2;
    }
    if (parsed.values.help) {
        process.stdout.write(USAGE + "\n");
        return 0;
    }
    const format = parsed.values.format;
    if (format !== "text" && format !== "json") {
        process.stderr.write(`parfor: --format must be text or json, got '${format}'\n\n${USAGE}\n`);
        return 2;
    }
    const number = NUMBER_KINDS[parsed.values.number];
    if (number === undefined) {
        process.stderr.write(`parfor: --number must be int, int32 or double, got '${parsed.values.number}'\n\n${USAGE}\n`);
        return 2;
    }
    const results = (await files(parsed.positionals)).map((f) => explainFile(f, readFileSync(f, "utf8"), number));
    const withKernels = results.filter((r) => r.report.kernels.length > 0 || r.report.parseError !== undefined);
    if (format === "json")
        process.stdout.write(JSON.stringify(withKernels.map((r) => r.report), null, 2) + "\n");
    else
        process.stdout.write(withKernels.map((r) => r.text).join("\n"));
    return results.some((r) => r.report.parseError !== undefined) ? 1 : 0;
}
