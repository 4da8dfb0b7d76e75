/** Output formats of `parfor check`: text with code frames, JSON, SARIF 2.1.0. */
import { codeFrameColumns } from "@babel/code-frame";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { messages } from "../compiler/index.js";
export function formatText(ds, color) {
    const cache = new Map();
    return ds
        .map((d) => {
        let src = cache.get(d.file);
        if (src === undefined) {
            try {
                src = readFileSync(d.file, "utf8");
            }
            catch {
                src = "";
            }
            cache.set(d.file, src);
        }
        const head = `${relative(process.cwd(), d.file) || d.file}:${d.line}:${d.column} - ${d.severity} ${d.code}: ${d.message}`;
        const frame = src
            ? codeFrameColumns(src, { start: { line: d.line, column: d.column }, end: { line: d.endLine, column: Math.max(d.endColumn, d.column + 1) } }, { highlightCode: color })
            : "";
        return frame ? `${head}\n\n${frame}\n` : head;
    })
        .join("\n");
}
export function formatJson(ds) {
    return JSON.stringify(ds.map(({ file, line, column, endLine, endColumn, code, severity, message }) => ({ file, line, column, endLine, endColumn, code, severity, message })), null, 2);
}
/** Where a code's documentation is: docs/diagnostics.md#pfxxxx on the repository of package.json. */
export function helpUri(repository, code) {
    const base = repository.replace(/^git\+/, "").replace(/\.git$/, "").replace(/\/$/, "");
    return `${base}/blob/main/docs/diagnostics.md#${code.toLowerCase()}`;
}
export function formatSarif(ds, version, repository = "https://github.com/parfor/parfor") {
    const rules = Object.entries(messages).map(([id, m]) => ({
        id,
        name: m.name,
        shortDescription: { text: m.name.replace(/-/g, " ") },
        helpUri: helpUri(repository, id),
        help: { text: `See ${helpUri(repository, id)}` },
        defaultConfiguration: { level: m.category === "error" ? "error" : "warning" },
    }));
    const index = new Map(rules.map((r, i) => [r.id, i]));
    const where = (file, r) => ({
        artifactLocation: { uri: relative(process.cwd(), file).split("\\").join("/") },
        region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
    });
    return JSON.stringify({
        version: "2.1.0",
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [
            {
                tool: { driver: { name: "parfor", version, informationUri: repository, rules } },
                results: ds.map((d) => ({
                    ruleId: d.code,
                    ...(index.has(d.code) ? { ruleIndex: index.get(d.code) } : {}),
                    level: d.severity,
                    message: { text: d.message },
                    locations: [{ physicalLocation: where(d.file, d) }],
                    ...(d.related.length
                        ? { relatedLocations: d.related.map((r, id) => ({ id, physicalLocation: where(d.file, r), message: { text: r.message } })) }
                        : {}),
                })),
            },
        ],
    }, null, 2);
}
