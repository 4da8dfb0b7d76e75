/**
 * Finds the kernels in a whole source file: every function whose own body (not a nested
 * function's) contains a `for (... of prange(...))` loop, whether or not it is wrapped in
 * `parallel()`. Needs no type information, so files with unresolved imports work the same.
 */
import { MAX_NESTING } from "./limits.js";
import { fileModule, literalValue, moduleHelpers, topLevel, functionText } from "./module-helpers.js";
import { typescript } from "./typescript.js";
export function findKernels(fileName, text) {
    try {
        return find(fileName, text);
    }
    catch (e) {
        // the parser and the walks below recurse: a file nested too deeply overflows the stack
        const why = e instanceof RangeError && /call stack/i.test(e.message) ? `it is nested too deeply (parfor reads code nested at most ${MAX_NESTING} levels)` : `parfor failed to read it (${e instanceof Error ? e.message : String(e)})`;
        return { kernels: [], parseErrors: [{ message: why, line: 1, column: 1 }] };
    }
}
function find(fileName, text) {
    const ts = typescript();
    const kind = /\.(c|m)?jsx?$/.test(fileName) ? (fileName.endsWith("x") ? ts.ScriptKind.JSX : ts.ScriptKind.JS) : fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
    const diags = sf.parseDiagnostics;
    if (diags.length) {
        return {
            kernels: [],
            parseErrors: diags.map((d) => {
                const lc = sf.getLineAndCharacterOfPosition(d.start);
                return { message: ts.flattenDiagnosticMessageText(d.messageText, "\n"), line: lc.line + 1, column: lc.character + 1 };
            }),
        };
    }
    const found = new Set();
    const isPrangeCall = (e) => {
        while (ts.isParenthesizedExpression(e))
            e = e.expression;
        if (!ts.isCallExpression(e))
            return false;
        let c = e.expression;
        while (ts.isParenthesizedExpression(c))
            c = c.expression;
        if (ts.isBinaryExpression(c) && c.operatorToken.kind === ts.SyntaxKind.CommaToken)
            c = c.right;
        return (ts.isIdentifier(c) && c.text === "prange") || (ts.isPropertyAccessExpression(c) && c.name.text === "prange");
    };
    const visit = (n, fn) => {
        if (ts.isFunctionLike(n) && (ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)))
            fn = n;
        if (ts.isForOfStatement(n) && fn && isPrangeCall(n.expression))
            found.add(fn);
        ts.forEachChild(n, (c) => visit(c, fn));
    };
    visit(sf, null);
    const bound = text.includes("globals") ? globalsByFunction(ts, sf) : new Map();
    // a kernel is the innermost function holding the loop; drop functions nested in another kernel
    // functions nest, so sorted by start a nested one begins before its outer one's end
    const sorted = [...found].sort((a, b) => a.getStart(sf) - b.getStart(sf));
    const outermost = [];
    for (const f of sorted) {
        const last = outermost[outermost.length - 1];
        if (!last || f.getStart(sf) >= last.end)
            outermost.push(f);
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
function bindingName(ts, f) {
    const own = f.name;
    if (own && ts.isIdentifier(own))
        return own.text;
    let n = f;
    for (;;) {
        const p = n.parent;
        if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p))
            n = p;
        else if (ts.isCallExpression(p) && p.arguments[0] === n && /(^|\.)(parallel|vectorize)$/.test(p.expression.getText()))
            n = p;
        else
            break;
    }
    const p = n.parent;
    if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name))
        return p.name.text;
    if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)))
        return p.name.text;
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n) {
        const l = p.left;
        if (ts.isIdentifier(l))
            return l.text;
        if (ts.isPropertyAccessExpression(l))
            return l.name.text;
    }
    if (ts.isExportAssignment(p))
        return "default";
    return "anonymous";
}
/**
 * `parallel(fn, { globals: {...} })` calls of the file, by the function they compile: `fn` written
 * inline, or named (a function declaration or `const fn = (…) => …` in the same file).
 */
function globalsByFunction(ts, sf) {
    const functions = new Map();
    const calls = [];
    const unwrap = (e) => ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) ? unwrap(e.expression) : e;
    const isFunction = (e) => ts.isArrowFunction(e) || ts.isFunctionExpression(e);
    // a literal, a name of the file's top-level function or constant, else 0
    const literal = (v, name) => {
        const lit = v ? literalValue(ts, v) : undefined;
        if (lit !== undefined)
            return lit;
        const ref = v === null ? name : ts.isIdentifier(v) ? v.text : null;
        const top = ref === null ? undefined : topLevel(ts, sf, ref);
        if (top)
            return "fn" in top ? { fn: functionText(ts, sf, top.fn) } : top.value;
        return 0;
    };
    const visit = (n) => {
        if (ts.isFunctionDeclaration(n) && n.name)
            functions.set(n.name.text, n);
        if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && isFunction(unwrap(n.initializer)))
            functions.set(n.name.text, unwrap(n.initializer));
        if (ts.isCallExpression(n) && n.arguments.length >= 2) {
            const c = unwrap(n.expression);
            const named = (ts.isIdentifier(c) && c.text === "parallel") || (ts.isPropertyAccessExpression(c) && c.name.text === "parallel");
            const opts = unwrap(n.arguments[1]);
            if (named && ts.isObjectLiteralExpression(opts)) {
                for (const p of opts.properties) {
                    if (!ts.isPropertyAssignment(p) || p.name.getText(sf) !== "globals")
                        continue;
                    const g = unwrap(p.initializer);
                    if (!ts.isObjectLiteralExpression(g))
                        continue;
                    const globals = {};
                    for (const q of g.properties) {
                        if (!ts.isPropertyAssignment(q) && !ts.isShorthandPropertyAssignment(q))
                            continue;
                        const name = q.name.getText(sf).replace(/^["']|["']$/g, "");
                        globals[name] = literal(ts.isPropertyAssignment(q) ? unwrap(q.initializer) : null, name);
                    }
                    calls.push({ fn: unwrap(n.arguments[0]), globals });
                }
            }
        }
        ts.forEachChild(n, visit);
    };
    visit(sf);
    const out = new Map();
    for (const c of calls) {
        const fn = isFunction(c.fn) ? c.fn : ts.isIdentifier(c.fn) ? functions.get(c.fn.text) : undefined;
        if (fn)
            out.set(fn, c.globals);
    }
    return out;
}
