export const ARRAY_KINDS = new Set([
    "Float64Array", "Float32Array", "Int32Array", "Uint32Array", "Int16Array", "Uint16Array", "Int8Array", "Uint8Array", "Uint8ClampedArray",
]);
/** A `number` parameter: an int in [0, 2^20], another int32 or any number (see aot/build.ts). */
const NUMBER = ["s", "i", "f"];
/** The kinds a type allows, or null when it is not one parfor can compile ahead of time. */
export function typeKinds(ts, t) {
    if (!t)
        return null;
    if (ts.isParenthesizedTypeNode(t))
        return typeKinds(ts, t.type);
    if (ts.isUnionTypeNode(t)) {
        const out = new Set();
        for (const u of t.types) {
            const k = typeKinds(ts, u);
            if (!k)
                return null;
            k.forEach((x) => out.add(x));
        }
        return [...out];
    }
    if (t.kind === ts.SyntaxKind.NumberKeyword)
        return NUMBER;
    if (t.kind === ts.SyntaxKind.BooleanKeyword)
        return ["b"];
    if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && !t.typeArguments?.length && ARRAY_KINDS.has(t.typeName.text))
        return [t.typeName.text];
    return null;
}
/** A type written as text (a `signatures` entry: "Float64Array", "number", "Int32Array | Uint32Array"), or null. */
export function textKinds(ts, text) {
    const sf = ts.createSourceFile("signature.ts", `let x: ${text};`, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const st = sf.statements;
    if (st.length !== 1 || !ts.isVariableStatement(st[0]))
        return null;
    const d = st[0].declarationList.declarations[0];
    // the text must be the whole type (nothing after it)
    if (!d.type || d.type.end !== sf.text.length - 1)
        return null;
    return typeKinds(ts, d.type);
}
/** The declaration whose initialiser is `call` (through parentheses): `const k = parallel(...)`. */
export function holder(ts, call) {
    let n = call;
    while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isSatisfiesExpression(n.parent)))
        n = n.parent;
    const p = n.parent;
    return p && ts.isVariableDeclaration(p) && p.initializer === n ? p : null;
}
/** The type a JSDoc block on `node` gives parameter `name` (`@param {T} name`), or null. */
function jsdocParam(ts, node, name, index) {
    for (const tag of ts.getJSDocTags(node)) {
        if (ts.isJSDocParameterTag(tag) && ts.isIdentifier(tag.name) && tag.name.text === name && tag.typeExpression)
            return tag.typeExpression.type;
    }
    // `/** @type {(a: Float64Array, n: number) => void} */`
    const t = ts.getJSDocType(node);
    if (t && ts.isFunctionTypeNode(t))
        return t.parameters[index]?.type ?? null;
    return null;
}
/** `@returns {T}` of the function or the variable holding the call, or null. */
export function jsdocReturns(ts, fn, call) {
    for (const node of [fn, fnHolder(ts, fn), holder(ts, call)]) {
        if (!node)
            continue;
        const r = ts.getJSDocReturnType(node);
        if (r)
            return r;
        const t = ts.getJSDocType(node);
        if (t && ts.isFunctionTypeNode(t))
            return t.type;
    }
    return null;
}
/** The variable a kernel function is the initialiser of (`const wave = (a, n) => ...`), or null. */
function fnHolder(ts, fn) {
    return ts.isFunctionDeclaration(fn) ? null : holder(ts, fn);
}
/** The parameter's JSDoc type: on the function, on its variable, or on the variable holding the `parallel()` call. */
export function jsdocType(ts, fn, call, p) {
    const index = fn.parameters.indexOf(p);
    const name = ts.isIdentifier(p.name) ? p.name.text : "";
    const own = ts.getJSDocType(p);
    if (own)
        return own;
    for (const node of [fn, fnHolder(ts, fn), holder(ts, call)]) {
        const t = node ? jsdocParam(ts, node, name, index) : null;
        if (t)
            return t;
    }
    return null;
}
export function moduleFacts(ts, sf, namespaces) {
    const arrayNames = new Set();
    for (const st of sf.statements) {
        if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text !== "parfor")
            continue;
        const b = st.importClause?.namedBindings;
        if (b && ts.isNamedImports(b))
            for (const e of b.elements)
                if ((e.propertyName ?? e.name).text === "array")
                    arrayNames.add(e.name.text);
    }
    return { arrayNames, namespaces };
}
/**
 * What a name at `use` is bound to, looked up scope by scope outwards: a variable declared in an
 * enclosing block, function or loop head (its initialiser), or a parameter; null when the
 * innermost binding has no initialiser or the name is not declared in the module.
 */
function binding(ts, use) {
    const name = use.text;
    const inList = (l) => l.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name);
    for (let n = use.parent; n; n = n.parent) {
        let d;
        if (ts.isBlock(n) || ts.isSourceFile(n) || ts.isModuleBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n)) {
            for (const st of n.statements) {
                if (ts.isVariableStatement(st))
                    d ??= inList(st.declarationList);
                if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name?.text === name)
                    return null;
            }
        }
        else if ((ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n)) && n.initializer && ts.isVariableDeclarationList(n.initializer)) {
            d = inList(n.initializer);
            if (d && !ts.isForStatement(n))
                return null; // a loop variable: its value is an element
        }
        else if (ts.isFunctionLike(n)) {
            const p = n.parameters.find((q) => ts.isIdentifier(q.name) && q.name.text === name);
            if (p)
                return p;
        }
        if (d)
            return d.initializer ?? null;
    }
    return null;
}
const ARITHMETIC = new Set();
const COMPARISON = new Set();
/** The kinds an argument expression has, as far as the module shows, or null. */
export function argumentKinds(ts, facts, e, depth = 0) {
    if (ARITHMETIC.size === 0) {
        const k = ts.SyntaxKind;
        for (const x of [k.MinusToken, k.AsteriskToken, k.SlashToken, k.PercentToken, k.AsteriskAsteriskToken, k.AmpersandToken, k.BarToken, k.CaretToken, k.LessThanLessThanToken, k.GreaterThanGreaterThanToken, k.GreaterThanGreaterThanGreaterThanToken])
            ARITHMETIC.add(x);
        for (const x of [k.LessThanToken, k.GreaterThanToken, k.LessThanEqualsToken, k.GreaterThanEqualsToken, k.EqualsEqualsEqualsToken, k.ExclamationEqualsEqualsToken, k.EqualsEqualsToken, k.ExclamationEqualsToken])
            COMPARISON.add(x);
    }
    if (depth > 8)
        return null;
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e))
        e = e.expression;
    const again = (x) => argumentKinds(ts, facts, x, depth + 1);
    if (ts.isNumericLiteral(e))
        return NUMBER;
    if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword)
        return ["b"];
    if (ts.isPrefixUnaryExpression(e)) {
        if (e.operator === ts.SyntaxKind.ExclamationToken)
            return ["b"];
        return again(e.operand)?.every((k) => NUMBER.includes(k)) ? NUMBER : null;
    }
    if (ts.isBinaryExpression(e)) {
        const op = e.operatorToken.kind;
        if (COMPARISON.has(op))
            return ["b"];
        const l = again(e.left);
        const r = again(e.right);
        const num = (k) => !!k && k.every((x) => NUMBER.includes(x));
        if (ARITHMETIC.has(op))
            return num(l) || num(r) ? NUMBER : null;
        if (op === ts.SyntaxKind.PlusToken)
            return num(l) && num(r) ? NUMBER : null;
        return null;
    }
    // new Float64Array(n), Float64Array.from(x), Float64Array.of(...)
    if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && ARRAY_KINDS.has(e.expression.text))
        return [e.expression.text];
    if (ts.isCallExpression(e)) {
        const c = e.expression;
        if (ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression)) {
            if (ARRAY_KINDS.has(c.expression.text) && (c.name.text === "from" || c.name.text === "of"))
                return [c.expression.text];
            if (c.expression.text === "Math")
                return NUMBER;
        }
        // parfor's array(Float64Array, n) and array.from(a) (the kind of a)
        const isArray = (x) => (ts.isIdentifier(x) && facts.arrayNames.has(x.text)) ||
            (ts.isPropertyAccessExpression(x) && x.name.text === "array" && ts.isIdentifier(x.expression) && facts.namespaces.has(x.expression.text));
        if (isArray(c)) {
            const k = e.arguments[0];
            return k && ts.isIdentifier(k) && ARRAY_KINDS.has(k.text) ? [k.text] : null;
        }
        if (ts.isPropertyAccessExpression(c) && c.name.text === "from" && isArray(c.expression) && e.arguments[0])
            return again(e.arguments[0]);
        return null;
    }
    // a.length, arr.length of anything
    if (ts.isPropertyAccessExpression(e) && e.name.text === "length")
        return NUMBER;
    if (ts.isIdentifier(e)) {
        const v = binding(ts, e);
        if (!v)
            return null;
        if (ts.isParameter(v))
            return typeKinds(ts, v.type ?? ts.getJSDocType(v));
        return again(v);
    }
    return null;
}
/** The union of two kind lists (null: none yet). */
export function union(a, b) {
    const out = [...(a ?? [])];
    for (const k of b)
        if (!out.includes(k))
            out.push(k);
    return out;
}
