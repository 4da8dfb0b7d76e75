export const MAX_NESTING = 500;
/** The deepest bracket nesting of `text`, and the offset of its first bracket nested deeper than the limit (-1: none). */
export function bracketNesting(text) {
    let depth = 0;
    let max = 0;
    let first = -1;
    let quote = "";
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quote) {
            if (c === "\\")
                i++;
            else if (c === quote)
                quote = "";
            continue;
        }
        if (c === "/" && text[i + 1] === "/") {
            const nl = text.indexOf("\n", i);
            i = nl < 0 ? text.length : nl;
        }
        else if (c === "/" && text[i + 1] === "*") {
            const end = text.indexOf("*/", i + 2);
            i = end < 0 ? text.length : end + 1;
        }
        else if (c === '"' || c === "'" || c === "`")
            quote = c;
        else if (c === "(" || c === "[" || c === "{") {
            depth++;
            if (depth > max)
                max = depth;
            if (depth > MAX_NESTING && first < 0)
                first = i;
        }
        else if (c === ")" || c === "]" || c === "}")
            depth = Math.max(0, depth - 1);
    }
    return { depth: max, offset: first };
}
/** The depth of `root`'s tree, and a node at depth limit + 1 (null: within the limit). */
export function treeNesting(root) {
    let max = 0;
    let first = null;
    const stack = [[root, 1]];
    while (stack.length) {
        const [n, d] = stack.pop();
        if (d > max)
            max = d;
        if (d > MAX_NESTING && !first)
            first = n;
        n.forEachChild((c) => {
            stack.push([c, d + 1]);
        });
    }
    return { depth: max, node: first };
}
