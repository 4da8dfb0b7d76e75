/**
 * Finds the kernels in a whole source file: every function whose own body (not a nested
 * function's) contains a `for (... of prange(...))` loop, whether or not it is wrapped in
 * `parallel()`. Needs no type information, so files with unresolved imports work the same.
 */
import { MAX_NESTING } from "./limits.js";
import { type HelperGlobal, fileModule, literalValue, moduleHelpers, topLevel, functionText } from "./module-helpers.js";
import { typescript, type TS } from "./typescript.js";

/**
 * Values bound to a kernel's free variables: by `parallel(fn, { globals: { ... } })`, and the
 * module-level functions and constants of the file that the kernel calls or reads (a function as
 * `{ fn: text }`), which `parfor build` and the bundler plugin bind the same way.
 */
export type Globals = Readonly<Record<string, HelperGlobal>>;

export interface FoundKernel {
  /** the function's text, as `fn.toString()` would give it */
  readonly text: string;
  /**
   * the `globals` of the `parallel(fn, { globals })` call in this file that wraps or names this
   * function (number and boolean literals, `-` literals included; a name of a function declared at
   * the file's top level binds that function; any other value binds the name as 0, which is what it
   * must be to compile: a number), and the file's top-level functions and constants the kernel
   * calls or reads (and those call in turn)
   */
  readonly globals?: Globals;
  /** offset of the text in the file */
  readonly start: number;
  /** 1-based line and column where the text starts */
  readonly line: number;
  readonly column: number;
  /** the function's name, else the variable, property or export it is bound to (through `parallel(...)`), else "anonymous" */
  readonly name: string;
}

/** Parse errors of the file, if it does not parse. */
export interface FindResult {
  readonly kernels: readonly FoundKernel[];
  readonly parseErrors: readonly { readonly message: string; readonly line: number; readonly column: number }[];
}

export function findKernels(fileName: string, text: string): FindResult {
  try {
    return find(fileName, text);
  } catch (e) {
    // the parser and the walks below recurse: a file nested too deeply overflows the stack
    const why = e instanceof RangeError && /call stack/i.test(e.message) ? `it is nested too deeply (parfor reads code nested at most ${MAX_NESTING} levels)` : `parfor failed to read it (${e instanceof Error ? e.message : String(e)})`;
    return { kernels: [], parseErrors: [{ message: why, line: 1, column: 1 }] };
  }
}

function find(fileName: string, text: string): FindResult {
  const ts = typescript();
  const kind = /\.(c|m)?jsx?$/.test(fileName) ? (fileName.endsWith("x") ? ts.ScriptKind.JSX : ts.ScriptKind.JS) : fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const diags = (sf as unknown as { parseDiagnostics: TS.DiagnosticWithLocation[] }).parseDiagnostics;
  if (diags.length) {
    return {
      kernels: [],
      parseErrors: diags.map((d) => {
        const lc = sf.getLineAndCharacterOfPosition(d.start);
        return { message: ts.flattenDiagnosticMessageText(d.messageText, "\n"), line: lc.line + 1, column: lc.character + 1 };
      }),
    };
  }
  const found = new Set<TS.Node>();
  const isPrangeCall = (e: TS.Expression): boolean => {
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (!ts.isCallExpression(e)) return false;
    let c: TS.Expression = e.expression;
    while (ts.isParenthesizedExpression(c)) c = c.expression;
    if (ts.isBinaryExpression(c) && c.operatorToken.kind === ts.SyntaxKind.CommaToken) c = c.right;
    return (ts.isIdentifier(c) && c.text === "prange") || (ts.isPropertyAccessExpression(c) && c.name.text === "prange");
  };
  const visit = (n: TS.Node, fn: TS.Node | null): void => {
    if (ts.isFunctionLike(n) && (ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n))) fn = n;
    if (ts.isForOfStatement(n) && fn && isPrangeCall(n.expression)) found.add(fn);
    ts.forEachChild(n, (c) => visit(c, fn));
  };
  visit(sf, null);
  const bound = text.includes("globals") ? globalsByFunction(ts, sf) : new Map<TS.Node, Globals>();
  // a kernel is the innermost function holding the loop; drop functions nested in another kernel
  // functions nest, so sorted by start a nested one begins before its outer one's end
  const sorted = [...found].sort((a, b) => a.getStart(sf) - b.getStart(sf));
  const outermost: TS.Node[] = [];
  for (const f of sorted) {
    const last = outermost[outermost.length - 1];
    if (!last || f.getStart(sf) >= last.end) outermost.push(f);
  }
  const kernels = outermost
    .map((f) => {
      // `export`/`default`/`static` are not part of what fn.toString() returns
      const first = f.getChildren(sf).find((c) => c.kind !== ts.SyntaxKind.SyntaxList || !c.getChildren(sf).every((m) => ts.isModifier(m)));
      const start = (first ?? f).getStart(sf);
      const lc = sf.getLineAndCharacterOfPosition(start);
      const user = bound.get(f);
      // the user's function entries are the file's functions: resolved here with what they call
      const fixed = Object.entries(user ?? {}).filter(([, v]) => typeof v !== "object").map(([k]) => k);
      const own = moduleHelpers(ts, fileModule(fileName, sf), f, new Set(fixed)).globals;
      const globals = user || Object.keys(own).length ? { ...own, ...user } : undefined;
      return { text: text.slice(start, f.end), start, line: lc.line + 1, column: lc.character + 1, name: bindingName(ts, f), ...(globals ? { globals } : {}) };
    });
  return { kernels, parseErrors: [] };
}

/** The name a kernel goes by: its own, else what it is bound to, directly or as `parallel(fn)`'s argument. */
function bindingName(ts: typeof TS, f: TS.Node): string {
  const own = (f as TS.FunctionLikeDeclaration).name;
  if (own && ts.isIdentifier(own)) return own.text;
  let n: TS.Node = f;
  for (;;) {
    const p: TS.Node = n.parent;
    if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p)) n = p;
    else if (ts.isCallExpression(p) && p.arguments[0] === n && /(^|\.)(parallel|vectorize)$/.test(p.expression.getText())) n = p;
    else break;
  }
  const p = n.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return p.name.text;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n) {
    const l = p.left;
    if (ts.isIdentifier(l)) return l.text;
    if (ts.isPropertyAccessExpression(l)) return l.name.text;
  }
  if (ts.isExportAssignment(p)) return "default";
  return "anonymous";
}

/**
 * `parallel(fn, { globals: {...} })` calls of the file, by the function they compile: `fn` written
 * inline, or named (a function declaration or `const fn = (…) => …` in the same file).
 */
function globalsByFunction(ts: typeof TS, sf: TS.SourceFile): Map<TS.Node, Globals> {
  const functions = new Map<string, TS.Node>();
  const calls: { fn: TS.Expression; globals: Globals }[] = [];
  const unwrap = (e: TS.Expression): TS.Expression =>
    ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) ? unwrap(e.expression) : e;
  const isFunction = (e: TS.Node): boolean => ts.isArrowFunction(e) || ts.isFunctionExpression(e);
  // a literal, a name of the file's top-level function or constant, else 0
  const literal = (v: TS.Expression | null, name: string): HelperGlobal => {
    const lit = v ? literalValue(ts, v) : undefined;
    if (lit !== undefined) return lit;
    const ref = v === null ? name : ts.isIdentifier(v) ? v.text : null;
    const top = ref === null ? undefined : topLevel(ts, sf, ref);
    if (top) return "fn" in top ? { fn: functionText(ts, sf, top.fn) } : top.value;
    return 0;
  };
  const visit = (n: TS.Node): void => {
    if (ts.isFunctionDeclaration(n) && n.name) functions.set(n.name.text, n);
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && isFunction(unwrap(n.initializer))) functions.set(n.name.text, unwrap(n.initializer));
    if (ts.isCallExpression(n) && n.arguments.length >= 2) {
      const c = unwrap(n.expression);
      const named = (ts.isIdentifier(c) && c.text === "parallel") || (ts.isPropertyAccessExpression(c) && c.name.text === "parallel");
      const opts = unwrap(n.arguments[1]!);
      if (named && ts.isObjectLiteralExpression(opts)) {
        for (const p of opts.properties) {
          if (!ts.isPropertyAssignment(p) || p.name.getText(sf) !== "globals") continue;
          const g = unwrap(p.initializer);
          if (!ts.isObjectLiteralExpression(g)) continue;
          const globals: Record<string, HelperGlobal> = {};
          for (const q of g.properties) {
            if (!ts.isPropertyAssignment(q) && !ts.isShorthandPropertyAssignment(q)) continue;
            const name = q.name.getText(sf).replace(/^["']|["']$/g, "");
            globals[name] = literal(ts.isPropertyAssignment(q) ? unwrap(q.initializer) : null, name);
          }
          calls.push({ fn: unwrap(n.arguments[0]!), globals });
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  const out = new Map<TS.Node, Globals>();
  for (const c of calls) {
    const fn = isFunction(c.fn) ? c.fn : ts.isIdentifier(c.fn) ? functions.get(c.fn.text) : undefined;
    if (fn) out.set(fn, c.globals);
  }
  return out;
}
