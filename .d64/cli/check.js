/**
 * `parfor check`: the same analysis `parallel()` runs, over files, without running anything.
 * Each diagnostic comes with its absolute file position; parse failures are reported per file
 * and the other files are still checked.
 */
import { readFileSync } from "node:fs";
import { check, findKernels } from "../compiler/index.js";
import { suppression } from "../compiler/diagnostics/suppress.js";
function lineStarts(text) {
    const starts = [0];
    for (let i = 0; i < text.length; i++)
        if (text.charCodeAt(i) === 10)
            starts.push(i + 1);
    return starts;
}
function position(starts, offset) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
}
/** Checks one file's kernels. */
export function checkFile(file, text = readFileSync(file, "utf8")) {
    const found = findKernels(file, text);
    if (found.parseErrors.length) {
        const e = found.parseErrors[0];
        return [{ file, line: e.line, column: e.column, endLine: e.line, endColumn: e.column, code: "PF1009", name: "not-a-function", severity: "error", message: `The file does not parse: ${e.message}`, related: [] }];
    }
    const starts = lineStarts(text);
    const out = [];
    for (const k of found.kernels) {
        // the globals of the parallel(fn, { globals }) call that compiles this kernel, if any
        const r = check(k.text, { globals: k.globals });
        const span = (start, length) => {
            const from = Math.max(k.start, k.start + start - r.sourceOffset);
            const a = position(starts, from);
            const b = position(starts, from + length);
            return { from, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
        };
        for (const d of r.diagnostics) {
            const { from, ...at } = span(d.start, d.length);
            // `// parfor-ignore PF2001 …` or `// eslint-disable-next-line parfor/scalar-race` on the line before
            if (suppression(text, from, d.code, d.name, d.category) !== null)
                continue;
            const related = d.related.map((x) => {
                const { from: _, ...rat } = span(x.start, x.length);
                return { ...rat, message: x.message };
            });
            out.push({ file, ...at, code: d.code, name: d.name, severity: d.category, message: d.message, related });
        }
    }
    return out.sort((x, y) => x.line - y.line || x.column - y.column);
}
