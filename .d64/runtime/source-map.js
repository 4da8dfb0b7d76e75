/**
 * Source maps for run-time positions: a compiled file's `//# sourceMappingURL` (a .map file next
 * to it, or an inline `data:` URL), decoded here (no dependency, no `node:` module: files are read
 * through the host), so that a position in `dist/app.js` is reported at `src/app.ts`. Only what
 * positions need: version 3 maps with `sources`, `sourceRoot` and `mappings` (no index maps).
 */
import { host } from "./host.js";
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...B64].map((c, i) => [c, i]));
/** Decodes one line's segments: [generated column, source, original line, original column], all 0-based. */
function decodeLines(mappings) {
    const lines = [];
    let source = 0;
    let line = 0;
    let column = 0;
    for (const text of mappings.split(";")) {
        const segs = [];
        let gen = 0;
        for (const seg of text.split(",")) {
            if (seg === "")
                continue;
            const v = [];
            let shift = 0;
            let value = 0;
            for (const c of seg) {
                const d = DIGIT.get(c);
                if (d === undefined)
                    break;
                value += (d & 31) << shift;
                if (d & 32)
                    shift += 5;
                else {
                    v.push(value & 1 ? -(value >>> 1) : value >>> 1);
                    value = 0;
                    shift = 0;
                }
            }
            gen += v[0] ?? 0;
            if (v.length >= 4) {
                source += v[1];
                line += v[2];
                column += v[3];
                segs.push([gen, source, line, column]);
            }
        }
        lines.push(segs);
    }
    return lines;
}
function dirOf(file) {
    const i = Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\"));
    return i < 0 ? "." : file.slice(0, i);
}
/** `rel` resolved against the folder `dir` (a path; `..` and `.` folded). */
export function joinPath(dir, rel) {
    if (/^file:\/\//.test(rel))
        return host().sourceFile(rel) ?? rel;
    if (rel.startsWith("/") || /^[A-Za-z]:[\\/]/.test(rel))
        return rel;
    const sep = dir.includes("\\") && !dir.includes("/") ? "\\" : "/";
    const parts = dir.split(/[\\/]/);
    for (const p of rel.split(/[\\/]/)) {
        if (p === "..") {
            if (parts.length > 1)
                parts.pop();
        }
        else if (p !== "." && p !== "")
            parts.push(p);
    }
    return parts.join(sep);
}
function decodeData(url) {
    const m = /^data:application\/json[^,]*?(;base64)?,(.*)$/s.exec(url);
    if (!m)
        return null;
    try {
        if (!m[1])
            return decodeURIComponent(m[2]);
        const bin = atob(m[2]);
        return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
    }
    catch {
        return null;
    }
}
/** The mapper of `file` (whose text is `content`) from its source map, or null when it has none. */
export function sourceMapper(file, content) {
    const m = /\/\/[#@]\s*sourceMappingURL=(\S+)\s*$/.exec(content.slice(Math.max(0, content.lastIndexOf("sourceMappingURL") - 8)));
    if (!m)
        return null;
    const url = m[1];
    let text;
    let base;
    if (url.startsWith("data:")) {
        text = decodeData(url);
        base = dirOf(file);
    }
    else {
        const mapFile = joinPath(dirOf(file), decodeURIComponent(url));
        text = host().readSource(mapFile);
        base = dirOf(mapFile);
    }
    if (text === null)
        return null;
    let map;
    try {
        map = JSON.parse(text);
    }
    catch {
        return null;
    }
    if (!Array.isArray(map.sources) || typeof map.mappings !== "string")
        return null;
    const root = typeof map.sourceRoot === "string" && map.sourceRoot !== "" ? joinPath(base, map.sourceRoot) : base;
    const sources = map.sources.map((s) => (typeof s === "string" ? joinPath(root, s) : null));
    let lines = null;
    return (line, column) => {
        lines ??= decodeLines(map.mappings);
        const segs = lines[line - 1];
        if (!segs || segs.length === 0)
            return null;
        // the last segment at or before the column (the token the position lies in)
        let best;
        for (const s of segs) {
            if (s[0] > column - 1)
                break;
            best = s;
        }
        best ??= segs[0];
        const src = sources[best[1]];
        if (src === null || src === undefined)
            return null;
        return { file: src, line: best[2] + 1, column: best[3] + 1 };
    };
}
