/**
 * parfor's bundler plugin (Vite, Rollup, esbuild, Rolldown, webpack through unplugin): at bundle
 * time, every `parallel(fn, options?)` call whose `parallel` is imported from "parfor" and whose
 * kernel is an inline function or a function/const of the same module is compiled for every
 * signature its parameter annotations allow (as `parfor build` does), and the call becomes
 * `parallel(bindPrecompiled(fn, {...}), options)` with the wasm inlined as base64. The kernels are
 * bound to the function object, not to its text, because bundlers reprint and minify code. At run
 * time the bound kernels are used without loading the compiler; anything else is compiled on first
 * call as usual.
 *
 * Keep "parfor" external (it starts worker threads from its own files): esbuild `external:
 * ["parfor"]` (or `packages: "external"`), Rollup/Vite `external: [/^parfor(\/|$)/]`.
 */
import { createUnplugin, type UnpluginInstance } from "unplugin";
import { typescript } from "../compiler/frontend/typescript.js";
import type * as TS from "typescript";
import type { ParamType } from "../compiler/index.js";
import { fileModule, moduleHelpers } from "../compiler/frontend/module-helpers.js";
import { compileVariants, DEFAULT_MAX_VARIANTS, signatures } from "../aot/build.js";
import { compilerFingerprint, type InlineBundle, kernelHash, kernelKey, parforVersion, sha256, sigKey, variantHash } from "../aot/store.js";

export interface ParforPluginOptions {
  /** most specialisations per kernel (default 81, see `parfor build`) */
  readonly maxVariants?: number;
  /** module id filter (default: .ts/.tsx/.js/.jsx/.mts/.mjs/.cts/.cjs outside node_modules) */
  readonly include?: RegExp;
}

const ARRAY_KINDS = new Set([
  "Float64Array", "Float32Array", "Int32Array", "Uint32Array", "Int16Array", "Uint16Array", "Int8Array", "Uint8Array", "Uint8ClampedArray",
]);

export interface TransformResult {
  readonly code: string;
  readonly kernels: number;
  readonly warnings: readonly string[];
  readonly errors: readonly string[];
}

/** The kinds an annotation allows, or null when it is missing or not one parfor can compile ahead of time. */
function annotationKinds(ts: typeof TS, sf: TS.SourceFile, t: TS.TypeNode | undefined): ParamType[] | null {
  if (!t) return null;
  if (ts.isParenthesizedTypeNode(t)) return annotationKinds(ts, sf, t.type);
  if (ts.isUnionTypeNode(t)) {
    const out = new Set<ParamType>();
    for (const u of t.types) {
      const k = annotationKinds(ts, sf, u);
      if (!k) return null;
      k.forEach((x) => out.add(x));
    }
    return [...out];
  }
  const text = t.getText(sf).trim();
  if (text === "number") return ["s", "i", "f"];
  if (text === "boolean") return ["b"];
  if (ARRAY_KINDS.has(text)) return [text as ParamType];
  return null;
}

/** Compiles the kernels of one module and rewrites their `parallel()` calls. */
export function transformKernels(code: string, id: string, options: ParforPluginOptions = {}): TransformResult | null {
  if (!code.includes("parallel")) return null;
  const ts = typescript();
  const kind = /\.(c|m)?jsx?$/.test(id) ? (id.endsWith("x") ? ts.ScriptKind.JSX : ts.ScriptKind.JS) : id.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true, kind);
  // what `parallel` is called in this module: named imports from "parfor", and namespaces/defaults
  const names = new Set<string>();
  const namespaces = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text !== "parfor" || !st.importClause) continue;
    const c = st.importClause;
    if (c.name) namespaces.add(c.name.text);
    if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) namespaces.add(c.namedBindings.name.text);
    if (c.namedBindings && ts.isNamedImports(c.namedBindings)) {
      for (const e of c.namedBindings.elements) if ((e.propertyName ?? e.name).text === "parallel") names.add(e.name.text);
    }
  }
  if (!names.size && !namespaces.size) return null;
  // functions and consts of the module, by name
  const decls = new Map<string, TS.Node>();
  const collect = (n: TS.Node): void => {
    if (ts.isFunctionDeclaration(n) && n.name && n.body) decls.set(n.name.text, n);
    if (ts.isVariableDeclarationList(n) && n.flags & ts.NodeFlags.Const) {
      for (const d of n.declarations) if (ts.isIdentifier(d.name) && d.initializer) decls.set(d.name.text, d.initializer);
    }
    ts.forEachChild(n, collect);
  };
  collect(sf);
  const unwrap = (e: TS.Node): TS.Node => {
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    return e;
  };
  const warnings: string[] = [];
  const errors: string[] = [];
  const edits: { at: number; end: number; text: string }[] = [];
  const pos = (n: TS.Node): string => {
    const lc = sf.getLineAndCharacterOfPosition(n.getStart(sf));
    return `${id}:${lc.line + 1}:${lc.character + 1}`;
  };
  const visit = (n: TS.Node): void => {
    ts.forEachChild(n, visit);
    if (!ts.isCallExpression(n) || n.arguments.length === 0) return;
    const callee = unwrap(n.expression);
    const isParallel =
      (ts.isIdentifier(callee) && names.has(callee.text)) ||
      (ts.isPropertyAccessExpression(callee) && callee.name.text === "parallel" && ts.isIdentifier(callee.expression) && namespaces.has(callee.expression.text));
    if (!isParallel) return;
    const arg = n.arguments[0]!;
    let fn = unwrap(arg);
    if (ts.isIdentifier(fn)) fn = unwrap(decls.get(fn.text) ?? fn);
    if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isFunctionDeclaration(fn)) || !fn.body) {
      warnings.push(`${pos(n)} - skipped: the kernel is not a function of this module; it is compiled at run time`);
      return;
    }
    // globals: none, or a literal object of literal numbers and booleans
    let globals: Record<string, number | boolean> | undefined;
    const o = n.arguments[1] ? unwrap(n.arguments[1]) : undefined;
    const lit = o && ts.isIdentifier(o) ? unwrap(decls.get(o.text) ?? o) : o;
    if (o && !(lit && ts.isObjectLiteralExpression(lit))) {
      warnings.push(`${pos(n)} - skipped: options are not an object literal of this module, so globals are not known at build time`);
      return;
    }
    if (lit && ts.isObjectLiteralExpression(lit)) {
      for (const p of lit.properties) {
        if (ts.isSpreadAssignment(p)) return void warnings.push(`${pos(n)} - skipped: options spread another object`);
        if (!p.name || p.name.getText(sf) !== "globals") continue;
        const g = ts.isPropertyAssignment(p) ? unwrap(p.initializer) : null;
        if (!g || !ts.isObjectLiteralExpression(g)) return void warnings.push(`${pos(n)} - skipped: options.globals is not an object literal`);
        globals = {};
        for (const q of g.properties) {
          const v = ts.isPropertyAssignment(q) ? unwrap(q.initializer) : null;
          const name = q.name?.getText(sf) ?? "";
          const num = v && ts.isPrefixUnaryExpression(v) && v.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(v.operand) ? -Number(v.operand.text) : v && ts.isNumericLiteral(v) ? Number(v.text) : undefined;
          if (num !== undefined) globals[name] = num;
          else if (v && v.kind === ts.SyntaxKind.TrueKeyword) globals[name] = true;
          else if (v && v.kind === ts.SyntaxKind.FalseKeyword) globals[name] = false;
          else return void warnings.push(`${pos(n)} - skipped: options.globals.${name} is not a literal number or boolean`);
        }
      }
    }
    const kinds: ParamType[][] = [];
    for (const p of fn.parameters) {
      const k = p.dotDotDotToken || p.questionToken || p.initializer ? null : annotationKinds(ts, sf, p.type);
      if (!k) return void warnings.push(`${pos(p)} - skipped: parameter '${p.name.getText(sf)}' needs a number, boolean or typed-array annotation`);
      kinds.push(k);
    }
    const text = code.slice(fn.getStart(sf), fn.end).replace(/^(export\s+)?(default\s+)?/, "");
    const { sigs } = signatures(kinds, options.maxVariants ?? DEFAULT_MAX_VARIANTS);
    // module-level functions and constants it calls, of this module or imported from a relative one
    const h = moduleHelpers(ts, fileModule(id, sf), fn, new Set(Object.keys(globals ?? {})));
    if (h.problems.length) return void warnings.push(`${pos(n)} - skipped: ${h.problems[0]}`);
    const helpers = Object.keys(h.globals).length ? h.globals : undefined;
    const r = compileVariants(text, text, sigs, helpers ? { ...helpers, ...globals } : globals);
    for (const d of [...r.diagnostics, ...r.failed.flatMap((f) => f.diagnostics)]) {
      const lc = sf.getLineAndCharacterOfPosition(fn.getStart(sf));
      const line = lc.line + d.line;
      const col = d.line === 1 ? lc.character + d.column : d.column;
      (d.category === "error" ? errors : warnings).push(`${id}:${line}:${col} - ${d.category} ${d.code}: ${d.message}`);
    }
    if (!r.shape || r.failed.length || !r.variants.length) return;
    // hashed whole (kernel record; each variant's metadata and bytes) and checked at run time
    const fingerprint = compilerFingerprint();
    const key = kernelKey(text, globals ? { globals } : {});
    const name = ts.isFunctionDeclaration(fn) ? (fn.name?.text ?? "anonymous") : "anonymous";
    const variants: Record<string, unknown> = {};
    for (const v of r.variants) {
      const { wasm, ...compiled } = v.compiled;
      const hash = variantHash(fingerprint, key, { sig: v.sig, compiled, diagnostics: v.diagnostics }, wasm);
      variants[sigKey(v.sig)] = { sig: v.sig, sha256: sha256(wasm), hash, compiled, diagnostics: v.diagnostics, wasm: Buffer.from(wasm).toString("base64") };
    }
    const bundle: InlineBundle = {
      key,
      name,
      shape: r.shape,
      parfor: parforVersion(),
      compiler: fingerprint,
      hash: kernelHash(fingerprint, { key, name, shape: r.shape }),
      variants: variants as InlineBundle["variants"],
    };
    edits.push({ at: arg.getStart(sf), end: arg.getStart(sf), text: "__parforBind(" });
    edits.push({ at: arg.end, end: arg.end, text: `, ${JSON.stringify(bundle)})` });
  };
  visit(sf);
  if (!edits.length) return { code, kernels: 0, warnings, errors };
  let out = code;
  for (const e of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  out = `import { bindPrecompiled as __parforBind } from "parfor/precompiled";\n` + out;
  return { code: out, kernels: edits.length / 2, warnings, errors };
}

const instance: UnpluginInstance<ParforPluginOptions | undefined, false> = createUnplugin((options?: ParforPluginOptions) => {
  const include = options?.include ?? /\.(c|m)?(t|j)sx?$/;
  return {
    name: "parfor",
    enforce: "pre",
    transformInclude(id: string) {
      return include.test(id) && !/[\\/]node_modules[\\/]/.test(id);
    },
    transform(code: string, id: string) {
      const r = transformKernels(code, id, options);
      if (!r) return null;
      for (const w of r.warnings) this.warn(`parfor: ${w}`);
      if (r.errors.length) this.error(`parfor: cannot compile kernels:\n  ${r.errors.join("\n  ")}`);
      return r.kernels ? { code: r.code, map: null } : null;
    },
  };
});

// The public types are structural, so that a project type-checks parfor/bundler (skipLibCheck:
// false) without unplugin's optional peers (rollup, webpack, rspack, farm, bun) installed. Each is
// assignable to the bundler's own plugin type.

/** A Vite, Rollup or Rolldown plugin (assignable to `Plugin` of vite, rollup and rolldown). */
export interface RollupLikePlugin {
  readonly name: string;
  // the hooks, typed by each bundler
  readonly [hook: string]: unknown;
}

/** An esbuild plugin (assignable to esbuild's `Plugin`). */
export interface EsbuildPlugin {
  readonly name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  setup(build: any): void | Promise<void>;
}

/** A webpack plugin (assignable to webpack's `WebpackPluginInstance`). */
export interface WebpackPlugin {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  apply(compiler: any): void;
}

export const vite = instance.vite as unknown as (options?: ParforPluginOptions) => RollupLikePlugin;
export const rollup = instance.rollup as unknown as (options?: ParforPluginOptions) => RollupLikePlugin;
export const rolldown = instance.rolldown as unknown as (options?: ParforPluginOptions) => RollupLikePlugin;
export const esbuild = instance.esbuild as unknown as (options?: ParforPluginOptions) => EsbuildPlugin;
export const webpack = instance.webpack as unknown as (options?: ParforPluginOptions) => WebpackPlugin;
/** unplugin's instance (raw, for other bundlers unplugin supports); its type is unplugin's. */
export const unpluginParfor: { readonly raw: unknown } = instance;
const parforBundler = { vite, rollup, rolldown, esbuild, webpack };
export default parforBundler;
