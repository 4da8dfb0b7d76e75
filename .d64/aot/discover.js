/**
 * `parfor build`'s discovery: every `parallel(fn, options?)` call of a TypeScript project (ts-morph,
 * with the type checker), the kernel function it names (inline, or a function or const defined in
 * the project, through imports), its parameter types, its compile options, and the exact text the
 * run time will see as `fn.toString()`: the function's text in the emitted JavaScript (the file on
 * disk under outDir when it is there, else tsc's emit in memory), found by matching tokens against
 * the TypeScript function with its types stripped.
 *
 * A call is skipped, with file:line and why, when any of this is not known at build time: the
 * function is a parameter or property, a parameter's type is missing (`any`) or too wide (`object`,
 * a generic), or `globals` are not literals. Nothing is guessed.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Node, Project, ts } from "ts-morph";
import { functionText, moduleHelpers } from "../compiler/frontend/module-helpers.js";
import { typescript } from "../compiler/frontend/typescript.js";
export const ARRAY_KINDS = new Set([
    "Float64Array", "Float32Array", "Int32Array", "Uint32Array", "Int16Array", "Uint16Array", "Int8Array", "Uint8Array", "Uint8ClampedArray",
]);
function where(n) {
    const sf = n.getSourceFile();
    const { line, column } = sf.getLineAndColumnAtPos(n.getStart());
    return { file: sf.getFilePath(), line, column };
}
const parforRoots = new Map();
/** Whether `file` belongs to the parfor package (its nearest package.json is named parfor). */
function inParfor(file) {
    let dir = dirname(file);
    const seen = [];
    let out = false;
    for (;;) {
        const have = parforRoots.get(dir);
        if (have !== undefined) {
            out = have;
            break;
        }
        seen.push(dir);
        const pkg = join(dir, "package.json");
        if (existsSync(pkg)) {
            try {
                out = JSON.parse(readFileSync(pkg, "utf8")).name === "parfor";
            }
            catch {
                out = false;
            }
            break;
        }
        const up = dirname(dir);
        if (up === dir)
            break;
        dir = up;
    }
    for (const d of seen)
        parforRoots.set(d, out);
    return out;
}
/** Whether a call's callee is parfor's `parallel` (imported, re-exported or `parfor.parallel`). */
function isParallel(callee) {
    const name = Node.isIdentifier(callee) ? callee.getText() : Node.isPropertyAccessExpression(callee) ? callee.getName() : null;
    if (name !== "parallel")
        return false;
    let sym = callee.getSymbol();
    if (!sym)
        return false;
    if (sym.isAlias())
        sym = sym.getAliasedSymbol() ?? sym;
    return sym.getDeclarations().some((d) => {
        if (!inParfor(d.getSourceFile().getFilePath()))
            return false;
        // `parfor.parallel` of the default export is a shorthand property of the parfor object
        return Node.isFunctionDeclaration(d) || Node.isShorthandPropertyAssignment(d) || Node.isExportSpecifier(d) || Node.isVariableDeclaration(d);
    });
}
function unwrap(n) {
    while (Node.isParenthesizedExpression(n) || Node.isAsExpression(n) || Node.isSatisfiesExpression(n) || Node.isNonNullExpression(n))
        n = n.getExpression();
    return n;
}
/** The function a `parallel()` argument names, or why it is not known at build time. */
function kernelFunction(arg) {
    const n = unwrap(arg);
    if (Node.isArrowFunction(n) || Node.isFunctionExpression(n))
        return n;
    if (Node.isIdentifier(n)) {
        let sym = n.getSymbol();
        if (sym?.isAlias())
            sym = sym.getAliasedSymbol() ?? sym;
        const d = sym?.getDeclarations()[0];
        if (d && Node.isFunctionDeclaration(d) && d.hasBody())
            return d;
        if (d && Node.isVariableDeclaration(d)) {
            const init = d.getInitializer();
            const list = d.getVariableStatement();
            if (init && (list?.getDeclarationKind() === "const" || d.getParent()?.getText().startsWith("const"))) {
                const f = unwrap(init);
                if (Node.isArrowFunction(f) || Node.isFunctionExpression(f))
                    return f;
            }
            return `'${n.getText()}' is not a const initialised with a function`;
        }
        return `'${n.getText()}' is not a function defined in the project`;
    }
    return `the kernel (${n.getText().slice(0, 40)}) is not a function or a const naming one; it is compiled at run time`;
}
/** The kinds a parameter of type `t` may have at run time, or why they are unknown. */
function kindsOf(t, name) {
    if (t.isAny() || t.isUnknown())
        return `parameter '${name}' has no type (it is 'any'); annotate it as number, boolean or a typed array`;
    if (t.isBoolean() || t.isBooleanLiteral())
        return ["b"];
    if (t.isNumber())
        return ["s", "i", "f"];
    if (t.isNumberLiteral()) {
        const v = t.getLiteralValue();
        return [!Number.isInteger(v) || Object.is(v, -0) || v < -2147483648 || v > 2147483647 ? "f" : v >= 0 && v <= 1 << 20 ? "s" : "i"];
    }
    const sym = t.getSymbol();
    if (sym && ARRAY_KINDS.has(sym.getName()) && t.isObject())
        return [sym.getName()];
    if (t.isUnion()) {
        const out = new Set();
        for (const u of t.getUnionTypes()) {
            const k = kindsOf(u, name);
            if (typeof k === "string")
                return `parameter '${name}' has type '${t.getText()}', wider than number, boolean or typed arrays`;
            for (const x of k)
                out.add(x);
        }
        return [...out];
    }
    return `parameter '${name}' has type '${t.getText()}', not a number, a boolean or a typed array`;
}
/** A literal number or boolean written in place (`2`, `-0.5`, `true`), else undefined. */
function literal(n) {
    if (Node.isNumericLiteral(n))
        return n.getLiteralValue();
    if (Node.isPrefixUnaryExpression(n) && n.getOperatorToken() === ts.SyntaxKind.MinusToken && Node.isNumericLiteral(n.getOperand())) {
        return -n.getOperand().getLiteralValue();
    }
    if (Node.isTrueLiteral(n))
        return true;
    if (Node.isFalseLiteral(n))
        return false;
    return undefined;
}
/** The options object literal of a call (written in place or a const naming one), undefined when there are none, or why it is not known. */
function optionsObject(arg) {
    if (!arg)
        return undefined;
    let n = unwrap(arg);
    if (Node.isIdentifier(n)) {
        const d = n.getSymbol()?.getDeclarations()[0];
        const init = d && Node.isVariableDeclaration(d) ? d.getInitializer() : undefined;
        if (init && Node.isObjectLiteralExpression(unwrap(init)))
            n = unwrap(init);
    }
    if (Node.isObjectLiteralExpression(n)) {
        if (n.getProperties().some((p) => Node.isSpreadAssignment(p)))
            return "options spread another object; globals are not known at build time";
        return n;
    }
    // not a literal: fine when its type has no globals at all
    return arg.getType().getProperty("globals") ? "options are not an object literal, so globals are not known at build time" : undefined;
}
/** The initialiser of a property of an options object (`name: value`; `name` alone is a shorthand), or undefined. */
function property(opts, name) {
    for (const p of opts.getProperties()) {
        if (Node.isPropertyAssignment(p) && p.getName() === name)
            return unwrap(p.getInitializerOrThrow());
        if (Node.isShorthandPropertyAssignment(p) && p.getName() === name)
            return constInitializer(p.getNameNode(), p.getValueSymbol());
    }
    return undefined;
}
/** What a `const` names: the initialiser of its declaration, followed through further consts (a few steps). */
function constInitializer(n, sym = n.getSymbol(), depth = 0) {
    if (sym?.isAlias())
        sym = sym.getAliasedSymbol() ?? sym;
    const d = sym?.getDeclarations()[0];
    if (!d || !Node.isVariableDeclaration(d) || d.getVariableStatement()?.getDeclarationKind() !== "const")
        return undefined;
    const init = d.getInitializer();
    if (!init)
        return undefined;
    const u = unwrap(init);
    return Node.isIdentifier(u) && depth < 8 ? constInitializer(u, u.getSymbol(), depth + 1) : u;
}
/**
 * A constant's value at build time: a literal (`2`, `-0.5`, `true`), a name of a `const` bound to
 * one (`const N = 100`, also `const N: number = 100`), or an expression whose type is one literal.
 */
function constantValue(n) {
    const lit = literal(n);
    if (lit !== undefined)
        return lit;
    if (Node.isIdentifier(n)) {
        const init = constInitializer(n);
        const v = init ? literal(init) : undefined;
        if (v !== undefined)
            return v;
    }
    const t = n.getType();
    if (t.isNumberLiteral())
        return t.getLiteralValue();
    if (t.isBooleanLiteral())
        return t.getText() === "true";
    return undefined;
}
/** The `globals` of a call's options, or why they are not known at build time. */
function globalsOf(opts) {
    if (!opts)
        return undefined;
    const hasGlobals = opts.getProperties().some((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) && p.getName() === "globals");
    if (!hasGlobals)
        return undefined;
    const g = property(opts, "globals");
    if (!g || !Node.isObjectLiteralExpression(g))
        return "options.globals is not an object literal";
    const out = {};
    for (const p of g.getProperties()) {
        if (!Node.isPropertyAssignment(p) && !Node.isShorthandPropertyAssignment(p))
            return "options.globals has a spread or a method";
        const name = p.getName();
        const init = Node.isPropertyAssignment(p) ? unwrap(p.getInitializerOrThrow()) : p.getNameNode();
        const v = Node.isPropertyAssignment(p) ? constantValue(init) : constantValue(constInitializer(init, p.getValueSymbol()) ?? init);
        if (v !== undefined) {
            out[name] = v;
            continue;
        }
        const t = init.getType();
        if (t.getCallSignatures().length > 0)
            return `options.globals.${name} is a function: a kernel that calls a helper passed in globals is compiled at run time`;
        return `options.globals.${name} is not a constant known at build time (its type is '${t.getText()}'); it is compiled at run time`;
    }
    return out;
}
/** Whether the call's options say `fallback: "js"`. */
function fallbackOf(opts) {
    const f = opts && property(opts, "fallback");
    return f !== undefined && Node.isStringLiteral(f) && f.getLiteralValue() === "js";
}
/** Tokens of a text, without comments and whitespace (the same function reprinted matches). */
function tokens(text) {
    return tokenList(text).join(" ");
}
function tokenList(text) {
    const sc = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
    const out = [];
    for (let k = sc.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = sc.scan())
        out.push(sc.getTokenText());
    return out;
}
/** The text fn.toString() gives for a function node: without `export`/`default`/`declare`. */
function fnText(sf, f) {
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
/** Every function with a body in emitted JS, as fn.toString() texts. */
function jsFunctions(file, text) {
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
    const out = [];
    const visit = (n) => {
        if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isFunctionDeclaration(n)) && n.body)
            out.push(fnText(sf, n));
        ts.forEachChild(n, visit);
    };
    visit(sf);
    return out;
}
/** A problem with the project's configuration (not a kernel's): the build stops, with this message, before it looks at any file. */
export class ProjectError extends Error {
}
const messageText = (d) => ts.flattenDiagnosticMessageText(d.messageText, "\n");
/** The project of `tsconfig` (a file, or a folder with a tsconfig.json), its configuration checked first. */
function openProject(tsconfig) {
    let path = resolve(tsconfig);
    if (existsSync(path) && statSync(path).isDirectory())
        path = join(path, "tsconfig.json");
    if (!existsSync(path)) {
        throw new ProjectError(`${path} does not exist: run parfor build in the folder of the project's tsconfig.json, or pass --project FILE`);
    }
    const read = ts.readConfigFile(path, (f) => ts.sys.readFile(f));
    if (read.error)
        throw new ProjectError(`cannot read ${path}: ${messageText(read.error)}`);
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(path), undefined, path);
    // TS18003 "No inputs were found": an empty project, nothing to build
    const errors = parsed.errors.filter((e) => e.code !== 18003);
    if (errors.length > 0)
        throw new ProjectError(`cannot read ${path}: ${errors.map(messageText).join("; ")}`);
    return { project: new Project({ tsConfigFilePath: path }), path };
}
export function discover(tsconfig, outDirOption) {
    const { project, path: configPath } = openProject(tsconfig);
    const opts = project.getCompilerOptions();
    const outDir = resolve(outDirOption ?? opts.outDir ?? dirname(configPath));
    const kernels = [];
    const skipped = [];
    const emitted = new Map();
    const emittedOf = (sf) => {
        const path = sf.getFilePath();
        let e = emitted.get(path);
        if (!e) {
            if (/\.(c|m)?js$/.test(path))
                e = { file: path, fns: jsFunctions(path, sf.getFullText()), text: sf.getFullText() };
            else {
                const out = sf.getEmitOutput().getOutputFiles().find((o) => /\.(c|m)?js$/.test(o.getFilePath()));
                const file = out?.getFilePath() ?? path;
                // the file tsc wrote is what runs; tsc's emit in memory stands in when it was not built
                const text = existsSync(file) ? readFileSync(file, "utf8") : (out?.getText() ?? "");
                // helpers are taken only from a built file: its contents are what the run time checks
                e = { file: existsSync(file) ? file : `${file} (in memory; not built yet)`, fns: jsFunctions(file, text), text: existsSync(file) ? text : null };
            }
            emitted.set(path, e);
        }
        return e;
    };
    // the emitted JavaScript of a project file as a module whose top-level helpers kernels may call
    const cts = typescript();
    const modules = new Map();
    const moduleOf = (sf) => {
        const path = sf.getFilePath();
        if (modules.has(path))
            return modules.get(path);
        modules.set(path, null);
        const js = emittedOf(sf);
        if (js.text === null)
            return null;
        const jsSf = cts.createSourceFile(js.file, js.text, cts.ScriptTarget.Latest, true, cts.ScriptKind.JS);
        const m = {
            name: js.file,
            file: js.file,
            sf: jsSf,
            importOf: (local) => {
                for (const d of sf.getImportDeclarations()) {
                    if (d.isTypeOnly())
                        continue;
                    const el = d.getNamedImports().find((x) => (x.getAliasNode()?.getText() ?? x.getName()) === local && !x.isTypeOnly());
                    if (!el)
                        continue;
                    const target = d.getModuleSpecifierSourceFile();
                    if (!target || target.isDeclarationFile() || target.isInNodeModules())
                        return null;
                    const tm = moduleOf(target);
                    return tm ? { module: tm, name: el.getName() } : null;
                }
                return null;
            },
        };
        modules.set(path, m);
        return m;
    };
    const helpersOf = (fsf, jsText, bound) => {
        const m = moduleOf(fsf);
        if (!m)
            return null;
        let node = null;
        const visit = (n) => {
            if (node)
                return;
            if ((cts.isArrowFunction(n) || cts.isFunctionExpression(n) || cts.isFunctionDeclaration(n)) && n.body && functionText(cts, m.sf, n) === jsText)
                node = n;
            else
                cts.forEachChild(n, visit);
        };
        visit(m.sf);
        return node ? moduleHelpers(cts, m, node, bound) : null;
    };
    for (const sf of project.getSourceFiles()) {
        if (sf.isDeclarationFile() || sf.isInNodeModules() || !sf.getFullText().includes("parallel"))
            continue;
        sf.forEachDescendant((n) => {
            if (!Node.isCallExpression(n) || !isParallel(n.getExpression()))
                return;
            const call = where(n);
            const args = n.getArguments();
            const skip = (reason) => void skipped.push({ ...call, reason });
            if (args.length === 0)
                return skip("parallel() has no kernel argument");
            const f = kernelFunction(args[0]);
            if (typeof f === "string")
                return skip(f);
            const opts = optionsObject(args[1]);
            if (typeof opts === "string")
                return skip(opts);
            const globals = globalsOf(opts);
            if (typeof globals === "string")
                return skip(globals);
            const kinds = [];
            for (const p of f.getParameters()) {
                if (p.isRestParameter() || p.hasInitializer() || p.hasQuestionToken())
                    return skip(`parameter '${p.getName()}' is optional or a rest parameter`);
                const k = kindsOf(p.getType(), p.getName());
                if (typeof k === "string")
                    return skip(k);
                kinds.push(k);
            }
            const fsf = f.getSourceFile();
            const tsText = fnText(fsf.compilerNode, f.compilerNode);
            const offset = f.getStart() + (f.getText().length - tsText.length);
            const lc = fsf.getLineAndColumnAtPos(offset);
            // the TypeScript function with its types stripped, token by token, is the emitted function
            const stripped = ts.transpileModule(`(${tsText});`, { compilerOptions: { ...opts, module: ts.ModuleKind.ESNext, sourceMap: false, declaration: false } }).outputText;
            const st = tokenList(stripped);
            if (st[0] === '"use strict"')
                st.splice(0, st[1] === ";" ? 2 : 1);
            if (st[st.length - 1] === ";")
                st.pop();
            if (st[0] === "(" && st[st.length - 1] === ")") {
                st.pop();
                st.shift();
            }
            const want = st.join(" ");
            const js = emittedOf(fsf);
            const jsText = js.fns.find((t) => tokens(t) === want);
            if (jsText === undefined)
                return skip(`the kernel's emitted JavaScript was not found in ${js.file}; build the project (tsc) first`);
            // fn.name at run time: a function's own name, else the const it initialises
            const own = Node.isArrowFunction(f) ? undefined : f.getName();
            const name = own ?? f.getParentIfKind(ts.SyntaxKind.VariableDeclaration)?.getName() ?? "anonymous";
            const h = helpersOf(fsf, jsText, new Set(Object.keys(globals ?? {})));
            if (h?.problems.length)
                return skip(h.problems[0]);
            const helpers = h && Object.keys(h.globals).length ? h.globals : undefined;
            const helperFiles = helpers ? h.modules.map((m) => m.name) : [];
            kernels.push({
                call,
                name,
                at: { file: fsf.getFilePath(), line: lc.line, column: lc.column, offset },
                tsText,
                jsText,
                emitted: js.file,
                kinds,
                paramNames: f.getParameters().map((p) => p.getName()),
                globals,
                fallback: fallbackOf(opts),
                helpers,
                helperFiles,
            });
        });
    }
    return { kernels, skipped, outDir };
}
