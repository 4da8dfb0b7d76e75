import { typescript } from "../compiler/frontend/typescript.js";
function parse(text) {
    const t = typescript();
    for (const [pre, post] of [["(", "\n)"], ["({", "\n})"]]) {
        const sf = t.createSourceFile("kernel.ts", pre + text + post, t.ScriptTarget.Latest, true, t.ScriptKind.TS);
        const stmt = sf.statements[0];
        if (!stmt || !t.isExpressionStatement(stmt))
            continue;
        let e = stmt.expression;
        while (t.isParenthesizedExpression(e))
            e = e.expression;
        if (t.isArrowFunction(e) || t.isFunctionExpression(e))
            return { sf, fn: e, base: pre.length };
        if (t.isObjectLiteralExpression(e) && e.properties.length === 1 && t.isMethodDeclaration(e.properties[0]))
            return { sf, fn: e.properties[0], base: pre.length };
    }
    return null;
}
/** The innermost node whose span is exactly [start, end), or the smallest one covering it. */
function nodeAt(p, start, end) {
    const t = typescript();
    let best = null;
    const visit = (n) => {
        if (n.getStart(p.sf) <= start && end <= n.end) {
            best = n;
            t.forEachChild(n, visit);
        }
    };
    visit(p.fn);
    return best;
}
function isPrangeLoop(n) {
    const t = typescript();
    if (!t.isForOfStatement(n))
        return false;
    let e = n.expression;
    while (t.isParenthesizedExpression(e))
        e = e.expression;
    if (!t.isCallExpression(e))
        return false;
    const c = e.expression;
    return (t.isIdentifier(c) && c.text === "prange") || (t.isPropertyAccessExpression(c) && c.name.text === "prange");
}
function enclosingPrange(n) {
    for (let p = n.parent; p; p = p.parent)
        if (isPrangeLoop(p))
            return p;
    return null;
}
/** Identifiers named `name` that are variable references (not property names). */
function references(root, name) {
    const t = typescript();
    const out = [];
    const visit = (n) => {
        if (t.isIdentifier(n) && n.text === name) {
            const parent = n.parent;
            const isPropertyName = (t.isPropertyAccessExpression(parent) && parent.name === n) ||
                (t.isPropertyAssignment(parent) && parent.name === n) ||
                (t.isMethodDeclaration(parent) && parent.name === n);
            if (!isPropertyName)
                out.push(n);
        }
        t.forEachChild(n, visit);
    };
    visit(root);
    return out;
}
const within = (n, outer) => n.pos >= outer.pos && n.end <= outer.end;
/** The whitespace that starts the line `pos` is on. */
function indentAt(text, pos) {
    const lineStart = text.lastIndexOf("\n", pos - 1) + 1;
    return /^[ \t]*/.exec(text.slice(lineStart))[0];
}
/** The range to delete to remove a whole statement: its own line(s) when it stands alone. */
function statementRange(text, n, sf) {
    const start = n.getStart(sf);
    const lineStart = text.lastIndexOf("\n", start - 1) + 1;
    const lineEnd = text.indexOf("\n", n.end);
    if (/^[ \t]*$/.test(text.slice(lineStart, start)) && lineEnd >= 0 && /^[ \t]*$/.test(text.slice(n.end, lineEnd)))
        return { start: lineStart, end: lineEnd + 1 };
    return { start, end: n.end };
}
function moveDeclarationIntoLoop(p, f) {
    const t = typescript();
    const text = p.sf.text;
    const node = nodeAt(p, f.start + p.base, f.end + p.base);
    if (!node)
        return null;
    let target = null;
    if (t.isBinaryExpression(node) && node.operatorToken.kind >= t.SyntaxKind.FirstAssignment && node.operatorToken.kind <= t.SyntaxKind.LastAssignment)
        target = node.left;
    else if (t.isPrefixUnaryExpression(node) || t.isPostfixUnaryExpression(node))
        target = node.operand;
    if (!target || !t.isIdentifier(target))
        return null;
    const name = target.text;
    const loop = enclosingPrange(node);
    if (!loop || !t.isBlock(loop.statement) || !t.isBlock(loop.parent))
        return null;
    // the declaration: `let name [= init];`, a statement of the block that holds the loop, before it
    const decl = loop.parent.statements.find((s) => t.isVariableStatement(s) && s.end <= loop.getStart(p.sf) && s.declarationList.declarations.some((d) => t.isIdentifier(d.name) && d.name.text === name));
    if (!decl || decl.declarationList.declarations.length !== 1 || !(decl.declarationList.flags & t.NodeFlags.Let))
        return null;
    const declarator = decl.declarationList.declarations[0];
    // every other use of the name is inside the loop body
    const body = loop.statement;
    for (const r of references(p.fn, name))
        if (r !== declarator.name && !within(r, body))
            return null;
    if (declarator.initializer && references(declarator.initializer, name).length)
        return null;
    const first = body.statements[0];
    const declText = text.slice(decl.getStart(p.sf), decl.end).trim();
    const del = statementRange(text, decl, p.sf);
    const insert = first
        ? { start: first.getStart(p.sf), end: first.getStart(p.sf), text: `${declText}\n${indentAt(text, first.getStart(p.sf))}` }
        : { start: body.getStart(p.sf) + 1, end: body.getStart(p.sf) + 1, text: ` ${declText} ` };
    return {
        description: `Declare '${name}' inside the loop body (each iteration gets its own '${name}')`,
        edits: [{ start: del.start - p.base, end: del.end - p.base, text: "" }, { start: insert.start - p.base, end: insert.end - p.base, text: insert.text }],
    };
}
function accumulateInScalar(p, f) {
    const t = typescript();
    const text = p.sf.text;
    const node = nodeAt(p, f.start + p.base, f.end + p.base);
    if (!node || !t.isBinaryExpression(node) || !t.isExpressionStatement(node.parent))
        return null;
    const op = node.operatorToken.kind;
    const init = op === t.SyntaxKind.PlusEqualsToken || op === t.SyntaxKind.MinusEqualsToken ? "0" : op === t.SyntaxKind.AsteriskEqualsToken ? "1" : null;
    if (init === null)
        return null;
    const lhs = node.left;
    if (!t.isElementAccessExpression(lhs) || !t.isIdentifier(lhs.expression) || !t.isNumericLiteral(lhs.argumentExpression))
        return null;
    const array = lhs.expression.text;
    const index = lhs.argumentExpression.text;
    const loop = enclosingPrange(node);
    if (!loop || !t.isBlock(loop.parent))
        return null;
    // the statement is the loop's only use of the array
    if (references(loop, array).length !== 1)
        return null;
    let scalar = `${array}${index.replace(/\W/g, "_")}`;
    while (new RegExp(`\\b${scalar}\\b`).test(text))
        scalar += "_";
    const loopStart = loop.getStart(p.sf);
    const indent = indentAt(text, loopStart);
    const apply = op === t.SyntaxKind.AsteriskEqualsToken ? "*=" : "+=";
    return {
        description: `Accumulate in a scalar '${scalar}' (a reduction) and add it to '${array}[${index}]' after the loop`,
        edits: [
            { start: loopStart - p.base, end: loopStart - p.base, text: `let ${scalar} = ${init};\n${indent}` },
            { start: lhs.getStart(p.sf) - p.base, end: lhs.end - p.base, text: scalar },
            { start: loop.end - p.base, end: loop.end - p.base, text: `\n${indent}${array}[${index}] ${apply} ${scalar};` },
        ],
    };
}
/** The findings of one kernel with their fixes filled in. */
export function fixesFor(text, findings) {
    let parsed;
    return findings.map((f) => {
        const make = f.code === "PF2001" ? moveDeclarationIntoLoop : f.code === "PF2002" ? accumulateInScalar : null;
        if (!make)
            return f;
        parsed ??= parse(text);
        const fix = parsed && make(parsed, f);
        return fix ? { ...f, fixes: [fix] } : f;
    });
}
