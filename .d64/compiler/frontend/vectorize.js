/**
 * `vectorize(f)`'s front end: from the text of an elementwise function `f(x, y, ...)` and which of
 * its arguments are arrays in a call, the text of an ordinary parfor kernel
 *
 *   function f(__pf_out, __pf_a0, __pf_a1) {
 *     for (const __pf_i of prange(__pf_out.length)) {
 *       const x = __pf_a0[__pf_i];      // an array argument: its element
 *       const y = __pf_a1;              // a number argument: broadcast
 *       __pf_out[__pf_i] = (<f's expression>);
 *     }
 *   }
 *
 * A block body runs inside a one-trip labelled loop, each `return e` becoming
 * `{ __pf_r = (e); break __pf_body; }`, so returns from inner loops work and a body that ends
 * without returning stores NaN (what plain JavaScript stores for `undefined`). The kernel is then
 * compiled like any other (races, types, two lanes), and as plain JavaScript it computes exactly
 * `out[i] = f(x[i], y, ...)`.
 */
import { parseKernel } from "./parse.js";
import { typescript } from "./typescript.js";
const PREFIX = "__pf_";
/** The kernel text for `f` with `arrays[k]` true where argument k is an array; or why not. */
export function mapKernelSource(fnText, arrays) {
    const parsed = parseKernel(fnText);
    if (typeof parsed === "string")
        return { error: `vectorize: the function's ${parsed}` };
    const ts = typescript();
    const { fn, sourceFile } = parsed;
    const text = sourceFile.text;
    const names = [];
    for (const p of fn.parameters) {
        if (!ts.isIdentifier(p.name) || p.initializer || p.dotDotDotToken) {
            return { error: "vectorize: the function's parameters must be plain names (no defaults, destructuring or rest)" };
        }
        names.push(p.name.text);
    }
    if (names.length !== arrays.length)
        return { error: `vectorize: the function takes ${names.length} arguments, the call passed ${arrays.length}` };
    if (/__pf_/.test(fnText))
        return { error: `vectorize: names starting with ${PREFIX} are reserved` };
    const body = fn.body;
    if (body === undefined)
        return { error: "vectorize: the function has no body" };
    const bind = names.map((n, k) => `const ${n} = ${PREFIX}a${k}${arrays[k] ? `[${PREFIX}i]` : ""};`).join(" ");
    let inner;
    if (!ts.isBlock(body)) {
        inner = `${bind}\n    ${PREFIX}out[${PREFIX}i] = (${text.slice(body.getStart(sourceFile), body.end)});`;
    }
    else {
        const edits = [];
        const visit = (n) => {
            if (ts.isFunctionLike(n))
                return; // a nested function's returns are its own
            if (ts.isReturnStatement(n)) {
                const e = n.expression ? `${PREFIX}r = (${text.slice(n.expression.getStart(sourceFile), n.expression.end)}); ` : "";
                edits.push({ start: n.getStart(sourceFile), end: n.end, with: `{ ${e}break ${PREFIX}body; }` });
                return;
            }
            ts.forEachChild(n, visit);
        };
        body.statements.forEach(visit);
        let out = text.slice(body.getStart(sourceFile) + 1, body.end - 1);
        const base = body.getStart(sourceFile) + 1;
        for (const e of edits.sort((a, b) => b.start - a.start))
            out = out.slice(0, e.start - base) + e.with + out.slice(e.end - base);
        inner =
            `${bind}\n    let ${PREFIX}r = NaN;\n    ${PREFIX}body: for (let ${PREFIX}once = 0; ${PREFIX}once < 1; ${PREFIX}once++) {${out}}\n` +
                `    ${PREFIX}out[${PREFIX}i] = ${PREFIX}r;`;
    }
    const name = fn.name && ts.isIdentifier(fn.name) ? fn.name.text : "vectorized";
    const params = [`${PREFIX}out`, ...names.map((_, k) => `${PREFIX}a${k}`)].join(", ");
    return { source: `function ${name}(${params}) {\n  for (const ${PREFIX}i of prange(${PREFIX}out.length)) {\n    ${inner}\n  }\n}` };
}
