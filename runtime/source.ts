/**
 * Where a kernel's text is: `parallel()` records its caller's file and line from a stack trace;
 * on first compile the file is read and the function's exact text (what `fn.toString()` returns)
 * is located in it, so diagnostics and run-time errors carry real file:line:column positions.
 * When the text cannot be found (a bundler or test runner rewrote it), positions are given
 * relative to the kernel and the call site is named.
 */
import { host } from "./host.js";
import type { SourceOrigin } from "./errors.js";

export interface CallSite {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

const OWN = /[\\/]runtime[\\/](parallel|source)\.(ts|js)\b/;

/** The first stack frame outside parfor's wrapper: the line that called `parallel()`. */
export function callerSite(): CallSite | null {
  const stack = new Error().stack ?? "";
  for (const line of stack.split("\n").slice(1)) {
    const m = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?\s*$/.exec(line);
    if (!m || OWN.test(m[1]!) || m[1]!.startsWith("node:")) continue;
    const file = host().sourceFile(m[1]!);
    if (file === null) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return null;
}

/** Finds `text` in the call site's file, nearest at or after the call line. */
export function locateSource(site: CallSite | null, text: string): SourceOrigin | null {
  if (!site) return null;
  const content = host().readSource(site.file);
  if (content === null) return null;
  const lineStarts = [0];
  for (let i = 0; i < content.length; i++) if (content.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const callOffset = (lineStarts[site.line - 1] ?? 0) + site.column - 1;
  let best = -1;
  for (let at = content.indexOf(text); at >= 0; at = content.indexOf(text, at + 1)) {
    if (best < 0 || Math.abs(at - callOffset) < Math.abs(best - callOffset)) best = at;
  }
  if (best < 0) return null;
  let line = 0;
  while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= best) line++;
  return { file: site.file, line: line + 1, column: best - lineStarts[line]! + 1 };
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
export function bindingName(site: CallSite | null): string | null {
  if (!site) return null;
  const content = host().readSource(site.file);
  if (content === null) return null;
  let at = 0;
  for (let line = 1; line < site.line && at >= 0; line++) at = content.indexOf("\n", at) + 1;
  if (at < 0) return null;
  const call = at + site.column - 1;
  // the frame's column points at the callee (`parallel`, or the property of `parfor.parallel`)
  const before = content.slice(Math.max(0, call - 300), call).replace(/(?:[A-Za-z_$][\w$]*\s*\.\s*)*$/, "");
  const m = BINDING.exec(before);
  if (!m) return null;
  const name = m[1] ?? m[2] ?? m[3] ?? m[4];
  return name ?? (m[5] ? "default" : null);
}
