#!/usr/bin/env node
/**
 * The `parfor` command. `parfor check [paths or globs...]` analyses every prange loop in the
 * given files (default: the TS/JS files of ./tsconfig.json, else those under the current folder)
 * and prints race diagnostics and unsupported code; exit code 0 clean, 1 warnings or errors, 2
 * usage error. `parfor build` compiles a project's kernels ahead of time (cli/build.ts).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { typescript } from "../compiler/frontend/typescript.js";
import { parseArgs } from "node:util";
import { glob } from "tinyglobby";
import { checkFile } from "./check.js";
import { formatJson, formatSarif, formatText } from "./format.js";
const USAGE = `Usage: parfor check [options] [paths or globs...]
       parfor build [--project tsconfig.json] [--out-dir DIR] [--max-variants N] [--format text|json]
                                                (see parfor build --help)
       parfor explain [--format text|json] [--number int|int32|double] [paths or globs...]
                                                (see parfor explain --help)

check: analyses the prange loops of TypeScript/JavaScript files for data races and unsupported
code. Without paths: the files of ./tsconfig.json, else every TS/JS file under the current folder.
build: compiles every parallel() kernel of a project ahead of time (.wasm files and a manifest).
explain: what the compiler decided for each prange loop (parallel or serial, reductions, lanes, checks, races).

Options of check:
  --format <text|json|sarif>  output format (default: text)
  --quiet                     report errors only
  --max-warnings <n>          exit 1 only when there are more than n warnings (errors always fail)
  -h, --help                  show this help
  -v, --version               show the version`;
const EXTS = "{ts,tsx,mts,cts,js,jsx,mjs,cjs}";
const IGNORE = ["**/node_modules/**", "**/dist/**", "**/*.d.ts", "**/.git/**"];
function packageJson() {
    return JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
}
function version() {
    return packageJson().version;
}
/** The repository's web address (for SARIF's help links), from package.json. */
function repository() {
    const r = packageJson().repository;
    const url = typeof r === "string" ? r : r?.url;
    return url?.startsWith("git+") || url?.startsWith("https://") ? url : undefined;
}
function usage(message) {
    process.stderr.write(`parfor: ${message}\n\n${USAGE}\n`);
    process.exit(2);
}
/** The TS/JS source files of ./tsconfig.json (its include/exclude/files), or null when there is none. */
function projectFiles() {
    const config = resolve("tsconfig.json");
    if (!existsSync(config))
        return null;
    const ts = typescript();
    const read = ts.readConfigFile(config, (f) => ts.sys.readFile(f));
    if (read.error)
        usage(`cannot read tsconfig.json: ${ts.flattenDiagnosticMessageText(read.error.messageText, "\n")}`);
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(config), { allowJs: true }, config);
    const src = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
    return parsed.fileNames.filter((f) => src.test(f) && !/\.d\.[mc]?ts$/.test(f) && !f.split(/[\\/]/).includes("node_modules")).map((f) => resolve(f));
}
async function files(patterns) {
    if (!patterns.length) {
        const fromProject = projectFiles();
        if (fromProject)
            return [...new Set(fromProject)].sort();
    }
    const pats = patterns.length ? patterns : ["."];
    const out = new Set();
    for (const p of pats) {
        let isDir = false;
        let isFile = false;
        try {
            const st = statSync(p);
            isDir = st.isDirectory();
            isFile = st.isFile();
        }
        catch {
            // not a path: a glob
        }
        if (isFile)
            out.add(resolve(p));
        else {
            const matches = await glob(isDir ? [`${p.replace(/\/$/, "")}/**/*.${EXTS}`] : [p], { ignore: IGNORE, absolute: true });
            if (!matches.length && !isDir)
                usage(`no files match '${p}'`);
            for (const m of matches)
                out.add(m);
        }
    }
    return [...out].sort();
}
async function main(argv) {
    if (argv[0] === "build")
        return (await import("./build.js")).runBuild(argv.slice(1));
    if (argv[0] === "explain")
        return (await import("./explain.js")).runExplain(argv.slice(1), files);
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            allowPositionals: true,
            options: {
                format: { type: "string", default: "text" },
                quiet: { type: "boolean", default: false },
                "max-warnings": { type: "string" },
                help: { type: "boolean", short: "h", default: false },
                version: { type: "boolean", short: "v", default: false },
            },
        });
    }
    catch (e) {
        usage(e.message);
    }
    const { values, positionals } = parsed;
    if (values.help) {
        process.stdout.write(USAGE + "\n");
        return 0;
    }
    if (values.version) {
        process.stdout.write(version() + "\n");
        return 0;
    }
    const [command, ...paths] = positionals;
    if (command !== "check")
        usage(command === undefined ? "missing command" : `unknown command '${command}'`);
    const format = values.format;
    if (format !== "text" && format !== "json" && format !== "sarif")
        usage(`--format must be text, json or sarif, got '${format}'`);
    let maxWarnings = Infinity;
    if (values["max-warnings"] !== undefined) {
        maxWarnings = Number(values["max-warnings"]);
        if (!Number.isInteger(maxWarnings) || maxWarnings < 0)
            usage(`--max-warnings must be a non-negative integer, got '${values["max-warnings"]}'`);
    }
    const all = [];
    for (const f of await files(paths))
        all.push(...checkFile(f));
    const shown = values.quiet ? all.filter((d) => d.severity === "error") : all;
    const out = format === "json" ? formatJson(shown) : format === "sarif" ? formatSarif(shown, version(), repository()) : formatText(shown, process.stdout.isTTY === true);
    if (out)
        process.stdout.write(out + "\n");
    const errors = all.filter((d) => d.severity === "error").length;
    const warnings = all.length - errors;
    if (format === "text" && !values.quiet)
        process.stderr.write(`${errors} error(s), ${warnings} warning(s)\n`);
    return errors > 0 || warnings > maxWarnings || (maxWarnings === Infinity && warnings > 0) ? 1 : 0;
}
main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
}, (e) => {
    process.stderr.write(`parfor: internal error: ${e.stack ?? String(e)}\n`);
    process.exitCode = 2;
});
