/**
 * What both editor front doors (the ESLint plugin and the TypeScript language-service plugin)
 * share: a whole file's parfor diagnostics at absolute offsets, computed with the same
 * `findKernels` + `check` as `parfor check` (no second analysis).
 *
 * Incremental by construction: `check` depends only on a kernel's text, so results are cached
 * per kernel text. After a keystroke only the kernel whose text changed is analysed again; a
 * kernel that merely moved (lines added above it) is a cache hit at its new offset.
 */
import { check, findKernels } from "../compiler/index.js";
import { messages } from "../compiler/diagnostics/messages.js";
import { fixesFor } from "./fixes.js";
import { suppression } from "../compiler/diagnostics/suppress.js";
/** Counters for tests and the benchmark: how much work the cache saved. */
export const analysisStats = { files: 0, fileCacheHits: 0, kernels: 0, kernelChecks: 0 };
const KERNEL_CACHE_SIZE = 4096;
const kernelCache = new Map();
const FILE_CACHE_SIZE = 64;
const fileCache = new Map();
/** Forgets every cached result (for benchmarks that measure a cold analysis). */
export function clearAnalysisCache() {
    kernelCache.clear();
    fileCache.clear();
}
function remember(map, key, value, max) {
    map.set(key, value);
    if (map.size > max)
        map.delete(map.keys().next().value);
}
function analyseKernel(text, globals) {
    const key = globals ? `${JSON.stringify(globals)}\0${text}` : text;
    const hit = kernelCache.get(key);
    if (hit) {
        // keep recently used entries at the end (LRU)
        kernelCache.delete(key);
        kernelCache.set(key, hit);
        return hit;
    }
    analysisStats.kernelChecks++;
    const r = check(text, globals ? { globals } : {});
    const findings = r.diagnostics.map((d) => {
        const start = Math.max(0, d.start - r.sourceOffset);
        const end = Math.min(text.length, start + d.length);
        return {
            code: d.code,
            name: d.name,
            category: d.category,
            message: d.message,
            start,
            end,
            related: d.related.map((x) => ({ start: Math.max(0, x.start - r.sourceOffset), end: Math.max(0, x.start - r.sourceOffset) + x.length, message: x.message })),
            fixes: [],
            suppressed: null,
        };
    });
    const withFixes = findings.some((f) => f.category === "warning") ? fixesFor(text, findings) : findings;
    const result = { findings: withFixes };
    remember(kernelCache, key, result, KERNEL_CACHE_SIZE);
    return result;
}
function shift(f, by) {
    return {
        ...f,
        start: f.start + by,
        end: f.end + by,
        related: f.related.map((x) => ({ ...x, start: x.start + by, end: x.end + by })),
        fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, start: e.start + by, end: e.end + by })) })),
    };
}
/**
 * Every parfor diagnostic of one file, sorted by position. A file that does not mention
 * `prange` costs one substring search; a file that does not parse gives nothing (its parser
 * reports that).
 */
export function analyseFile(fileName, text) {
    analysisStats.files++;
    if (!text.includes("prange"))
        return [];
    const cached = fileCache.get(fileName);
    if (cached && cached.text === text) {
        analysisStats.fileCacheHits++;
        return cached.findings;
    }
    const found = findKernels(fileName, text);
    // `parallel(fn, { globals: { N: 3 } })` binds free variables: findKernels gives each kernel its own
    const out = [];
    for (const k of found.kernels) {
        analysisStats.kernels++;
        for (const f of analyseKernel(k.text, k.globals).findings) {
            const g = shift(f, k.start);
            out.push({ ...g, suppressed: suppression(text, g.start, g.code, g.name, g.category) });
        }
    }
    out.sort((a, b) => a.start - b.start || a.end - b.end);
    fileCache.delete(fileName);
    remember(fileCache, fileName, { text, findings: out }, FILE_CACHE_SIZE);
    return out;
}
/** The diagnostic table the rules and the language-service plugin are generated from. */
export function diagnosticTable() {
    return Object.keys(messages)
        // PF3xxx are run-time argument and option checks: nothing a source file can show
        .filter((code) => !code.startsWith("PF3"))
        .map((code) => ({ code, name: messages[code].name, category: messages[code].category, text: messages[code].text }));
}
