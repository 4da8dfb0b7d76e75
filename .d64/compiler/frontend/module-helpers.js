/**
 * Module-level helpers of a kernel, for the front doors that see the kernel's module (`parfor
 * build`, the bundler plugin, `parfor check`, the ESLint and tsserver plugins): the functions
 * and constants a kernel calls or reads by a free name, declared at the top level of its module
 * (`function cnd(d) {…}`, `const sq = (x) => …`, `const GAMMA = 1.4`) or imported from another
 * module of the project (through `importOf`), and theirs in turn, as `globals` entries (a
 * function as `{ fn: text }`, a constant as its value). That is what `parallel(fn, { globals })`
 * would be given by hand, so a precompiled or checked kernel needs no option. A helper's own free
 * names resolve in its own module. Nothing is guessed: a name that is not such a declaration is
 * left free (the compiler then reports it as usual), and two different helpers that would need
 * one name are a problem, not a choice.
 */
import { relativeModule } from "../platform.js";
import { typescript } from "./typescript.js";
/** Names a kernel never takes from its module. */
const BUILTIN = new Set(["Math", "Number", "prange", "Infinity", "NaN", "undefined", "arguments", "globalThis"]);
/** The text `fn.toString()` gives for a function node: without `export` / `default` / `declare`. */
export function functionText(ts, sf, f) {
    let start = f.getStart(sf);
    const mods = ts.canHaveModifiers(f) ? ts.getModifiers(f) : undefined;
    for (const m of mods ?? []) {
        if (m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword || m.kind === ts.SyntaxKind.DeclareKeyword)
            start = m.end;
        else
            break;
    }
    return sf.text.slice(start, f.end).trimStart();
}
const unwrap = (ts, e) => ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e) ? unwrap(ts, e.expression) : e;
/** A number or boolean literal (`-` literals included), or undefined. */
export function literalValue(ts, e) {
    const v = unwrap(ts, e);
    if (v.kind === ts.SyntaxKind.TrueKeyword)
        return true;
    if (v.kind === ts.SyntaxKind.FalseKeyword)
        return false;
    if (ts.isNumericLiteral(v))
        return Number(v.text);
    if (ts.isPrefixUnaryExpression(v) && (v.operator === ts.SyntaxKind.MinusToken || v.operator === ts.SyntaxKind.PlusToken)) {
        const o = unwrap(ts, v.operand);
        if (ts.isNumericLiteral(o))
            return v.operator === ts.SyntaxKind.MinusToken ? -Number(o.text) : Number(o.text);
    }
    return undefined;
}
/** What a top-level declaration of `name` in `sf` binds: a function node, a literal value, or undefined. */
export function topLevel(ts, sf, name) {
    for (const s of sf.statements) {
        if (ts.isFunctionDeclaration(s) && s.name?.text === name && s.body && !s.asteriskToken)
            return { fn: s };
        if (!ts.isVariableStatement(s) || !(s.declarationList.flags & ts.NodeFlags.Const))
            continue;
        for (const d of s.declarationList.declarations) {
            if (!ts.isIdentifier(d.name) || d.name.text !== name || !d.initializer)
                continue;
            const init = unwrap(ts, d.initializer);
            if (ts.isArrowFunction(init) || (ts.isFunctionExpression(init) && !init.asteriskToken))
                return { fn: init };
            const v = literalValue(ts, init);
            if (v !== undefined)
                return { value: v };
        }
    }
    return undefined;
}
/** The free names a function refers to: identifiers that are not declared anywhere inside it. */
function freeNames(ts, f) {
    const declared = new Set();
    const used = new Set();
    const bind = (n) => {
        if (ts.isIdentifier(n))
            declared.add(n.text);
        else
            for (const e of n.elements)
                if (!ts.isOmittedExpression(e))
                    bind(e.name);
    };
    const visit = (n) => {
        if (ts.isTypeNode(n) || ts.isTypeAliasDeclaration(n) || ts.isInterfaceDeclaration(n))
            return;
        if ((ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isBindingElement(n)) && n.name)
            bind(n.name);
        if ((ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isClassDeclaration(n)) && n.name)
            declared.add(n.name.text);
        if (ts.isIdentifier(n)) {
            const p = n.parent;
            const member = p && ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n) ||
                (ts.isMethodDeclaration(p) && p.name === n) || ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p));
            if (!member)
                used.add(n.text);
        }
        ts.forEachChild(n, visit);
    };
    visit(f);
    for (const d of declared)
        used.delete(d);
    return used;
}
/**
 * The module-level helpers `fn` (declared in `module`) needs, except the names in `bound`
 * (the user's own `globals`). Recursion through helpers is followed once per helper.
 */
export function moduleHelpers(ts, module, fn, bound = new Set()) {
    const globals = {};
    const from = new Map();
    const modules = new Set();
    const problems = [];
    const queue = [{ node: fn, module }];
    while (queue.length) {
        const { node, module: m } = queue.shift();
        for (const name of freeNames(ts, node)) {
            if (BUILTIN.has(name) || bound.has(name))
                continue;
            let owner = m;
            let found = topLevel(ts, m.sf, name);
            if (!found) {
                const imp = m.importOf?.(name) ?? null;
                if (imp) {
                    owner = imp.module;
                    found = topLevel(ts, imp.module.sf, imp.name);
                }
            }
            if (!found)
                continue;
            const value = "fn" in found ? { fn: functionText(ts, owner.sf, found.fn) } : found.value;
            const id = `${owner.name}\0${typeof value === "object" ? value.fn : String(value)}`;
            const had = from.get(name);
            if (had !== undefined) {
                if (had !== id)
                    problems.push(`two different helpers are both called '${name}' (in ${owner.name} and elsewhere); rename one`);
                continue;
            }
            from.set(name, id);
            globals[name] = value;
            modules.add(owner);
            if ("fn" in found)
                queue.push({ node: found.fn, module: owner });
        }
    }
    return { globals, modules: [...modules], problems };
}
const moduleCache = new Map();
/** A module for helper lookups: its top level, and its named imports of relative modules (read from disk). */
export function fileModule(file, sf) {
    const ts = typescript();
    return {
        name: file,
        sf,
        importOf: (local) => {
            for (const st of sf.statements) {
                if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || st.importClause?.isTypeOnly)
                    continue;
                const nb = st.importClause?.namedBindings;
                if (!nb || !ts.isNamedImports(nb))
                    continue;
                const el = nb.elements.find((e) => e.name.text === local && !e.isTypeOnly);
                if (!el)
                    continue;
                const found = relativeModule(file, st.moduleSpecifier.text);
                if (!found)
                    return null;
                const { file: target, text } = found;
                let m = moduleCache.get(target);
                if (!m || m.text !== text) {
                    const kind = /\.(c|m)?jsx?$/.test(target) ? ts.ScriptKind.JS : target.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
                    m = { text, module: fileModule(target, ts.createSourceFile(target, text, ts.ScriptTarget.Latest, true, kind)) };
                    moduleCache.set(target, m);
                }
                return { module: m.module, name: (el.propertyName ?? el.name).text };
            }
            return null;
        },
    };
}
