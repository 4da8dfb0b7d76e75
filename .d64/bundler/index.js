/**
 * parfor's bundler plugin (Vite, Rollup, esbuild, Rolldown, webpack through unplugin): at bundle
 * time, every `parallel(fn, options?)` call whose `parallel` is imported from "parfor" and whose
 * kernel is an inline function or a function/const of the same module is compiled for every
 * signature its parameters allow (as `parfor build` does; types from annotations, JSDoc, the
 * `signatures` option or the kernel's calls in the module, bundler/kinds.ts), and the call becomes
 * `parallel(bindPrecompiled(fn, {...}), options)` with the wasm inlined as base64. The kernels are
 * bound to the function object, not to its text, because bundlers reprint and minify code. At run
 * time the bound kernels are used without loading the compiler; anything else is compiled on first
 * call as usual.
 *
 * Keep "parfor" external (it starts worker threads from its own files): esbuild `external:
 * ["parfor"]` (or `packages: "external"`), Rollup/Vite `external: [/^parfor(\/|$)/]`.
 */
import { createUnplugin } from "unplugin";
import { typescript } from "../compiler/frontend/typescript.js";
import { fileModule, moduleHelpers } from "../compiler/frontend/module-helpers.js";
import { compileVariants, DEFAULT_MAX_VARIANTS, signatures } from "../aot/build.js";
import { argumentKinds, holder, jsdocReturns, jsdocType, moduleFacts, textKinds, typeKinds, union } from "./kinds.js";
import { formatMessage } from "../compiler/diagnostics/messages.js";
import { compilerFingerprint, kernelHash, kernelKey, parforVersion, sha256, sigKey, variantHash } from "../aot/store.js";
const FALLBACK_JS = "With fallback: \"js\" it runs as plain JavaScript meanwhile (in a page; Node compiles it at run time)";
const NO_FALLBACK = "Or pass the option fallback: \"js\" to run it as plain JavaScript";
/** The `signatures` entry for a kernel of module `id` known by `names`, or null. */
function signatureEntry(all, id, names) {
    if (!all)
        return null;
    const path = id.replace(/\\/g, "/");
    for (const name of names) {
        if (!name)
            continue;
        for (const [key, params] of Object.entries(all)) {
            const hash = key.lastIndexOf("#");
            const file = hash >= 0 ? key.slice(0, hash) : null;
            if (key.slice(hash + 1) !== name)
                continue;
            if (file !== null && !(path === file || path.endsWith(file.startsWith("/") ? file : `/${file}`)))
                continue;
            return { key, params };
        }
    }
    return null;
}
/** A type to suggest for an untyped parameter: an array kind when the kernel indexes it, else number. */
function suggest(fn, p, ts) {
    const name = p.name.getText();
    let indexed = false;
    const visit = (n) => {
        if (ts.isElementAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name)
            indexed = true;
        if (ts.isPropertyAccessExpression(n) && n.name.text === "length" && ts.isIdentifier(n.expression) && n.expression.text === name)
            indexed = true;
        if (!indexed)
            ts.forEachChild(n, visit);
    };
    if (fn.body)
        visit(fn.body);
    return indexed ? "Float64Array" : "number";
}
/** Compiles the kernels of one module and rewrites their `parallel()` calls. */
export function transformKernels(code, id, options = {}) {
    if (!code.includes("parallel"))
        return null;
    const ts = typescript();
    const kind = /\.(c|m)?jsx?$/.test(id) ? (id.endsWith("x") ? ts.ScriptKind.JSX : ts.ScriptKind.JS) : id.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    const sf = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true, kind);
    // what `parallel` is called in this module: named imports from "parfor", and namespaces/defaults
    const names = new Set();
    const namespaces = new Set();
    for (const st of sf.statements) {
        if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text !== "parfor" || !st.importClause)
            continue;
        const c = st.importClause;
        if (c.name)
            namespaces.add(c.name.text);
        if (c.namedBindings && ts.isNamespaceImport(c.namedBindings))
            namespaces.add(c.namedBindings.name.text);
        if (c.namedBindings && ts.isNamedImports(c.namedBindings)) {
            for (const e of c.namedBindings.elements)
                if ((e.propertyName ?? e.name).text === "parallel")
                    names.add(e.name.text);
        }
    }
    if (!names.size && !namespaces.size)
        return null;
    // functions and consts of the module, by name
    const decls = new Map();
    const collect = (n) => {
        if (ts.isFunctionDeclaration(n) && n.name && n.body)
            decls.set(n.name.text, n);
        if (ts.isVariableDeclarationList(n) && n.flags & ts.NodeFlags.Const) {
            for (const d of n.declarations)
                if (ts.isIdentifier(d.name) && d.initializer)
                    decls.set(d.name.text, d.initializer);
        }
        ts.forEachChild(n, collect);
    };
    collect(sf);
    const unwrap = (e) => {
        while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e))
            e = e.expression;
        return e;
    };
    const warnings = [];
    const errors = [];
    const signaturesUsed = [];
    const types = [];
    const facts = moduleFacts(ts, sf, namespaces);
    // calls of each name in this module, `k(...)` and `k.async(...)`: the kernels' call sites
    const calls = new Map();
    const findCalls = (n) => {
        if (ts.isCallExpression(n)) {
            const c = unwrap(n.expression);
            const name = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) && c.name.text === "async" && ts.isIdentifier(c.expression) ? c.expression.text : null;
            if (name)
                calls.set(name, [...(calls.get(name) ?? []), n.arguments]);
        }
        ts.forEachChild(n, findCalls);
    };
    findCalls(sf);
    const edits = [];
    const pos = (n) => {
        const lc = sf.getLineAndCharacterOfPosition(n.getStart(sf));
        return `${id}:${lc.line + 1}:${lc.character + 1}`;
    };
    const visit = (n) => {
        ts.forEachChild(n, visit);
        if (!ts.isCallExpression(n) || n.arguments.length === 0)
            return;
        const callee = unwrap(n.expression);
        const isParallel = (ts.isIdentifier(callee) && names.has(callee.text)) ||
            (ts.isPropertyAccessExpression(callee) && callee.name.text === "parallel" && ts.isIdentifier(callee.expression) && namespaces.has(callee.expression.text));
        if (!isParallel)
            return;
        const arg = n.arguments[0];
        let fn = unwrap(arg);
        if (ts.isIdentifier(fn))
            fn = unwrap(decls.get(fn.text) ?? fn);
        if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isFunctionDeclaration(fn)) || !fn.body) {
            warnings.push(`${pos(n)} - skipped: the kernel is not a function of this module; it is compiled at run time`);
            return;
        }
        // globals: none, or a literal object of literal numbers and booleans
        let globals;
        const o = n.arguments[1] ? unwrap(n.arguments[1]) : undefined;
        const lit = o && ts.isIdentifier(o) ? unwrap(decls.get(o.text) ?? o) : o;
        if (o && !(lit && ts.isObjectLiteralExpression(lit))) {
            warnings.push(`${pos(n)} - skipped: options are not an object literal of this module, so globals are not known at build time`);
            return;
        }
        if (lit && ts.isObjectLiteralExpression(lit)) {
            for (const p of lit.properties) {
                if (ts.isSpreadAssignment(p))
                    return void warnings.push(`${pos(n)} - skipped: options spread another object`);
                if (!p.name || p.name.getText(sf) !== "globals")
                    continue;
                const g = ts.isPropertyAssignment(p) ? unwrap(p.initializer) : null;
                if (!g || !ts.isObjectLiteralExpression(g))
                    return void warnings.push(`${pos(n)} - skipped: options.globals is not an object literal`);
                globals = {};
                for (const q of g.properties) {
                    const v = ts.isPropertyAssignment(q) ? unwrap(q.initializer) : null;
                    const name = q.name?.getText(sf) ?? "";
                    const num = v && ts.isPrefixUnaryExpression(v) && v.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(v.operand) ? -Number(v.operand.text) : v && ts.isNumericLiteral(v) ? Number(v.text) : undefined;
                    if (num !== undefined)
                        globals[name] = num;
                    else if (v && v.kind === ts.SyntaxKind.TrueKeyword)
                        globals[name] = true;
                    else if (v && v.kind === ts.SyntaxKind.FalseKeyword)
                        globals[name] = false;
                    else
                        return void warnings.push(`${pos(n)} - skipped: options.globals.${name} is not a literal number or boolean`);
                }
            }
        }
        const fallback = !!lit && ts.isObjectLiteralExpression(lit) && lit.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText(sf).replace(/^["']|["']$/g, "") === "fallback" && ts.isStringLiteral(unwrap(p.initializer)) && unwrap(p.initializer).text === "js");
        // the kernel's names: the variable holding parallel(...) (its calls are the kernel's), the function's own
        const held = holder(ts, n);
        const heldName = held && ts.isIdentifier(held.name) ? held.name.text : null;
        const fnHeld = ts.isFunctionDeclaration(fn) ? null : holder(ts, fn);
        const fnName = ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) ? fn.name?.text : fnHeld && ts.isIdentifier(fnHeld.name) ? fnHeld.name.text : undefined;
        const kernelName = heldName ?? fnName ?? "anonymous";
        const sigEntry = signatureEntry(options.signatures, id, [heldName, fnName]);
        if (sigEntry)
            signaturesUsed.push(sigEntry.key);
        const sites = heldName ? (calls.get(heldName) ?? []) : [];
        const kinds = [];
        const sources = [];
        for (const [index, p] of fn.parameters.entries()) {
            const pname = p.name.getText(sf);
            const at = pos(p);
            if (p.dotDotDotToken || p.questionToken || p.initializer || !ts.isIdentifier(p.name)) {
                return void warnings.push(`${at} - skipped: parameter '${pname}' is optional, a rest parameter or a pattern; it is compiled at run time`);
            }
            let k = null;
            let from = "annotation";
            const why = [];
            if (p.type) {
                k = typeKinds(ts, p.type);
                if (!k)
                    why.push(`its annotation '${p.type.getText(sf)}' is not number, boolean or a typed array`);
            }
            if (!k && !p.type) {
                const doc = jsdocType(ts, fn, n, p);
                from = "jsdoc";
                if (doc) {
                    k = typeKinds(ts, doc);
                    if (!k)
                        why.push(`its JSDoc type '{${doc.getText(sf)}}' is not number, boolean or a typed array`);
                }
            }
            if (!k && sigEntry && sigEntry.params[pname] !== undefined) {
                from = "signatures";
                k = textKinds(ts, sigEntry.params[pname]);
                if (!k) {
                    errors.push(`${at} - error: the plugin option signatures["${sigEntry.key}"].${pname} is ${JSON.stringify(sigEntry.params[pname])}, not number, boolean or a typed-array kind (e.g. "Float64Array", "number", "Int32Array | Uint32Array")`);
                    return;
                }
            }
            if (!k && !why.length) {
                // the arguments of the kernel's calls in this module; one the build cannot type adds nothing
                from = "calls";
                for (const args of sites) {
                    const a = args[index];
                    const ak = a ? argumentKinds(ts, facts, a) : null;
                    if (ak)
                        k = union(k, ak);
                }
            }
            if (!k) {
                const reason = why.length ? ` (${why.join("; ")})` : sites.length ? ` (no annotation, JSDoc @param or signatures entry, and none of its ${sites.length} call${sites.length > 1 ? "s" : ""} in this module passes an argument the build can type here)` : " (no annotation, JSDoc @param or signatures entry, and no call of it in this module)";
                const line = `${at} - ${fallback ? "warning" : "error"} PF3005: ${formatMessage("PF3005", [kernelName, pname, reason, suggest(fn, p, ts), fallback ? FALLBACK_JS : NO_FALLBACK])}`;
                (fallback ? warnings : errors).push(line);
                return;
            }
            kinds.push(k);
            sources.push(from);
        }
        const text = code.slice(fn.getStart(sf), fn.end).replace(/^(export\s+)?(default\s+)?/, "");
        const { sigs } = signatures(kinds, options.maxVariants ?? DEFAULT_MAX_VARIANTS);
        // module-level functions and constants it calls, of this module or imported from a relative one
        const h = moduleHelpers(ts, fileModule(id, sf), fn, new Set(Object.keys(globals ?? {})));
        if (h.problems.length)
            return void warnings.push(`${pos(n)} - skipped: ${h.problems[0]}`);
        const helpers = Object.keys(h.globals).length ? h.globals : undefined;
        const r = compileVariants(text, text, sigs, helpers ? { ...helpers, ...globals } : globals);
        for (const d of [...r.diagnostics, ...r.failed.flatMap((f) => f.diagnostics)]) {
            const lc = sf.getLineAndCharacterOfPosition(fn.getStart(sf));
            const line = lc.line + d.line;
            const col = d.line === 1 ? lc.character + d.column : d.column;
            // with fallback: "js" a kernel that does not compile runs as plain JavaScript: the bundle still builds
            (d.category === "error" && !fallback ? errors : warnings).push(`${id}:${line}:${col} - ${d.category} ${d.code}: ${d.message}${d.category === "error" && fallback ? ` (kernel '${kernelName}' is not precompiled; with fallback: "js" it runs as plain JavaScript)` : ""}`);
        }
        if (!r.shape || r.failed.length || !r.variants.length)
            return;
        types.push({ name: kernelName, params: Object.fromEntries(fn.parameters.map((p, i) => [p.name.getText(sf), { from: sources[i], kinds: kinds[i] }])) });
        // `@returns {T}`: said, so checked against what the kernel returns
        const ret = jsdocReturns(ts, fn, n);
        if (ret && !fn.type) {
            const text = ret.getText(sf);
            const want = ret.kind === ts.SyntaxKind.VoidKeyword || ret.kind === ts.SyntaxKind.UndefinedKeyword ? ["void"] : typeKinds(ts, ret)?.every((k) => k === "b") ? ["bool"] : typeKinds(ts, ret)?.every((k) => k === "s" || k === "i" || k === "f") ? ["f64", "i32"] : null;
            const got = r.variants[0].compiled.returns;
            if (want && !want.includes(got))
                warnings.push(`${pos(ret)} - warning: kernel '${kernelName}' says @returns {${text}} but returns ${got === "void" ? "nothing" : got === "bool" ? "a boolean" : "a number"}`);
        }
        // hashed whole (kernel record; each variant's metadata and bytes) and checked at run time
        const fingerprint = compilerFingerprint();
        const key = kernelKey(text, globals ? { globals } : {});
        const name = ts.isFunctionDeclaration(fn) ? (fn.name?.text ?? "anonymous") : "anonymous";
        const variants = {};
        for (const v of r.variants) {
            const { wasm, ...compiled } = v.compiled;
            const hash = variantHash(fingerprint, key, { sig: v.sig, compiled, diagnostics: v.diagnostics }, wasm);
            variants[sigKey(v.sig)] = { sig: v.sig, sha256: sha256(wasm), hash, compiled, diagnostics: v.diagnostics, wasm: Buffer.from(wasm).toString("base64") };
        }
        const bundle = {
            key,
            name,
            shape: r.shape,
            parfor: parforVersion(),
            compiler: fingerprint,
            hash: kernelHash(fingerprint, { key, name, shape: r.shape }),
            variants: variants,
        };
        edits.push({ at: arg.getStart(sf), end: arg.getStart(sf), text: "__parforBind(" });
        edits.push({ at: arg.end, end: arg.end, text: `, ${JSON.stringify(bundle)})` });
    };
    visit(sf);
    if (!edits.length)
        return { code, kernels: 0, warnings, errors, signaturesUsed, types };
    let out = code;
    for (const e of edits.sort((a, b) => b.at - a.at))
        out = out.slice(0, e.at) + e.text + out.slice(e.end);
    out = `import { bindPrecompiled as __parforBind } from "parfor/precompiled";\n` + out;
    return { code: out, kernels: edits.length / 2, warnings, errors, signaturesUsed, types };
}
const instance = createUnplugin((options) => {
    const include = options?.include ?? /\.(c|m)?(t|j)sx?$/;
    const used = new Set();
    return {
        name: "parfor",
        enforce: "pre",
        transformInclude(id) {
            return include.test(id) && !/[\\/]node_modules[\\/]/.test(id);
        },
        buildStart() {
            used.clear();
        },
        transform(code, id) {
            const r = transformKernels(code, id, options);
            if (!r)
                return null;
            for (const k of r.signaturesUsed)
                used.add(k);
            for (const w of r.warnings)
                this.warn(`parfor: ${w}`);
            if (r.errors.length)
                this.error(`parfor: cannot compile kernels:\n  ${r.errors.join("\n  ")}`);
            return r.kernels ? { code: r.code, map: null } : null;
        },
        buildEnd() {
            for (const key of Object.keys(options?.signatures ?? {})) {
                if (!used.has(key))
                    console.warn(`parfor: the option signatures["${key}"] names no kernel of the bundle (a kernel is named by its function or the variable holding parallel(...); "file#name" picks a module)`);
            }
        },
    };
});
export const vite = instance.vite;
export const rollup = instance.rollup;
export const rolldown = instance.rolldown;
export const esbuild = instance.esbuild;
export const webpack = instance.webpack;
/** unplugin's instance (raw, for other bundlers unplugin supports); its type is unplugin's. */
export const unpluginParfor = instance;
const parforBundler = { vite, rollup, rolldown, esbuild, webpack };
export default parforBundler;
