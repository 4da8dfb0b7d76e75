/**
 * Where a kernel's text is: `parallel()` records its caller's file and line from a stack trace;
 * on first compile the file is read and the function's exact text (what `fn.toString()` returns)
 * is located in it, so diagnostics and run-time errors carry real file:line:column positions.
 * When the text cannot be found (a bundler or test runner rewrote it), positions are given
 * relative to the kernel and the call site is named.
 */
import { host } from "./host.js";
import { absolutePosition } from "./errors.js";
import { sourceMapper } from "./source-map.js";
/** The unmapped frames of the current stack (V8's structured stack trace API), or null where there is none. */
function rawFrames() {
    const E = Error;
    const before = E.prepareStackTrace;
    try {
        E.prepareStackTrace = (_e, sites) => sites;
        const sites = new Error().stack;
        if (!Array.isArray(sites))
            return null;
        return sites.map((c) => ({ file: c.getFileName() ?? "", line: c.getLineNumber() ?? 0, column: c.getColumnNumber() ?? 0 }));
    }
    catch {
        return null;
    }
    finally {
        E.prepareStackTrace = before;
    }
}
const OWN = /[\\/]runtime[\\/](parallel|source)\.(ts|js)\b/;
/** The first stack frame outside parfor's wrapper: the line that called `parallel()`. */
export function callerSite() {
    const stack = new Error().stack ?? "";
    const outside = (f) => !OWN.test(f) && !f.startsWith("node:") && f !== "";
    const raw = rawFrames()?.find((f) => outside(f.file));
    const rawFile = raw ? host().sourceFile(raw.file) : null;
    const unmapped = raw && rawFile !== null ? { raw: { file: rawFile, line: raw.line, column: raw.column } } : {};
    for (const line of stack.split("\n").slice(1)) {
        const m = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?\s*$/.exec(line);
        if (!m || !outside(m[1]))
            continue;
        const file = host().sourceFile(m[1]);
        if (file === null)
            continue;
        return { file, line: Number(m[2]), column: Number(m[3]), ...unmapped };
    }
    return null;
}
/**
 * Finds `text` (what `fn.toString()` gave) in the running JavaScript file of the call site, nearest
 * the call, with that file's source map when it has one; else in the site's file as reported.
 */
export function locateSource(site, text) {
    if (!site)
        return null;
    if (site.raw && (site.raw.file !== site.file || site.raw.line !== site.line || site.raw.column !== site.column)) {
        const found = locateIn(site.raw, text);
        if (found)
            return found;
    }
    return locateIn(site, text);
}
function locateIn(site, text) {
    const content = host().readSource(site.file);
    if (content === null)
        return null;
    const lineStarts = [0];
    for (let i = 0; i < content.length; i++)
        if (content.charCodeAt(i) === 10)
            lineStarts.push(i + 1);
    const callOffset = (lineStarts[site.line - 1] ?? 0) + site.column - 1;
    let best = -1;
    for (let at = content.indexOf(text); at >= 0; at = content.indexOf(text, at + 1)) {
        if (best < 0 || Math.abs(at - callOffset) < Math.abs(best - callOffset))
            best = at;
    }
    if (best < 0)
        return null;
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= best)
        line++;
    const mapper = content.includes("sourceMappingURL") ? sourceMapper(site.file, content) : null;
    return { file: site.file, line: line + 1, column: best - lineStarts[line] + 1, ...(mapper ? { mapper } : {}) };
}
/** A kernel-relative position made absolute, through the source map when the file has one. */
export function mapPosition(o, line, column) {
    const p = absolutePosition(o, line, column);
    return (o.mapper && p.file !== undefined && o.mapper(p.line, p.column)) || p;
}
/** The origin as posted to workers: plain data, with the positions `points` already mapped. */
export function plainOrigin(o, points) {
    const { mapper, ...plain } = o;
    if (!mapper)
        return plain;
    const mapped = {};
    for (const q of [{ line: 1, column: 1 }, ...points]) {
        const m = mapPosition(o, q.line, q.column);
        if (m.file !== undefined && m.file !== o.file)
            mapped[`${q.line}:${q.column}`] = [m.file, m.line, m.column];
    }
    return { ...plain, mapped };
}
const IDENT = "[A-Za-z_$][\\w$]*";
/** `const name =`, `let name: T =`, `name:` (a property), `obj.name =`, `name =`, `export default`, just before the call */
const BINDING = new RegExp(`(?:(?:const|let|var)\\s+(${IDENT})\\s*(?::[^=;]*)?=|[{,]\\s*(${IDENT})\\s*:|\\.(${IDENT})\\s*=|(?:^|[^\\w$.])(${IDENT})\\s*=|(export\\s+default))\\s*$`);
/**
 * The name a kernel made at `site` is bound to: `const smooth = parallel(...)` is "smooth", as is
 * `{ smooth: parallel(...) }`, `obj.smooth = parallel(...)` and `export const smooth = ...`;
 * `export default parallel(...)` is "default". Read from the source text before the call (the
 * call's own namespace, `parfor.parallel(`, skipped); null when there is no such binding.
 */
export function bindingName(site) {
    if (!site)
        return null;
    const content = host().readSource(site.file);
    if (content === null)
        return null;
    let at = 0;
    for (let line = 1; line < site.line && at >= 0; line++)
        at = content.indexOf("\n", at) + 1;
    if (at < 0)
        return null;
    const call = at + site.column - 1;
    // the frame's column points at the callee (`parallel`, or the property of `parfor.parallel`)
    const before = content.slice(Math.max(0, call - 300), call).replace(/(?:[A-Za-z_$][\w$]*\s*\.\s*)*$/, "");
    const m = BINDING.exec(before);
    if (!m)
        return null;
    const name = m[1] ?? m[2] ?? m[3] ?? m[4];
    return name ?? (m[5] ? "default" : null);
}
