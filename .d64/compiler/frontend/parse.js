import { typescript } from "./typescript.js";
/**
 * Parses the text of one function (what `fn.toString()` returns: an arrow function, a function
 * expression or declaration, or a method) with the TypeScript parser. Returns an error string
 * when the text is not one function.
 */
export function parseKernel(source) {
    const ts = typescript();
    // A declaration or expression parses as an expression inside parentheses; a method needs an
    // object literal around it.
    for (const [pre, post] of [
        ["(", "\n)"],
        ["({", "\n})"],
    ]) {
        const text = pre + source + post;
        const sf = ts.createSourceFile("kernel.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
        const diags = sf.parseDiagnostics;
        if (diags.length > 0)
            continue;
        const stmt = sf.statements[0];
        if (sf.statements.length !== 1 || !stmt || !ts.isExpressionStatement(stmt))
            continue;
        let e = stmt.expression;
        while (ts.isParenthesizedExpression(e))
            e = e.expression;
        let fn;
        if (ts.isArrowFunction(e) || ts.isFunctionExpression(e))
            fn = e;
        else if (ts.isObjectLiteralExpression(e) && e.properties.length === 1) {
            const p = e.properties[0];
            if (p && ts.isMethodDeclaration(p))
                fn = p;
        }
        if (!fn)
            continue;
        const base = pre.length;
        const baseLine = sf.getLineAndCharacterOfPosition(base).line;
        const locate = (offset) => {
            const lc = sf.getLineAndCharacterOfPosition(Math.max(base, offset));
            return { line: lc.line - baseLine + 1, column: lc.line === baseLine ? lc.character - base + 1 : lc.character + 1 };
        };
        return { fn, sourceFile: sf, base, locate };
    }
    return "its source text does not parse as a single function";
}
