/** Plans the `var`s of a function body (nested functions excluded). */
export function planVars(ts, sf, body) {
    const decls = new Map();
    const refs = new Map();
    /** `for (x = e; …)` and `for (var x = e; …)` loops per name */
    const webs = new Map();
    const visit = (n) => {
        if (ts.isFunctionLike(n) || ts.isClassLike(n))
            return;
        if (ts.isForStatement(n))
            for (const x of webNames(ts, n))
                push(webs, x, n);
        if (ts.isVariableDeclarationList(n) && (n.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) === 0) {
            for (const d of n.declarations)
                if (ts.isIdentifier(d.name))
                    push(decls, d.name.text, d);
        }
        if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) && !(ts.isVariableDeclaration(n.parent) && n.parent.name === n)) {
            push(refs, n.text, n.getStart(sf));
        }
        n.forEachChild(visit);
    };
    // nothing to plan without a `var` keyword in the text
    if (/\bvar\b/.test(body.getText(sf)))
        body.statements.forEach(visit);
    const asLet = new Set();
    const split = new Set();
    const hoisted = new Map();
    for (const [name, ds] of decls) {
        const uses = refs.get(name) ?? [];
        if (ds.length === 1 && letLike(ts, sf, ds[0], uses))
            asLet.add(ds[0]);
        else if (splittable(ts, sf, ds, webs.get(name) ?? [], uses))
            split.add(name);
        else
            hoisted.set(name, ds[0]);
    }
    return { names: [...decls.keys()], asLet, split, hoisted };
}
/** `x` of a `for (x = e; …)` loop, else null. */
export function counterAssign(ts, f) {
    const i = f.initializer;
    if (!i || !ts.isBinaryExpression(i) || i.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(i.left))
        return null;
    return i.left.text;
}
/** Whether `let j;` (no initialiser) is followed in its block by uses of j only as a split counter. */
export function splitLet(ts, sf, d) {
    const stmt = d.parent.parent;
    if (!ts.isIdentifier(d.name) || !ts.isVariableStatement(stmt) || !ts.isBlock(stmt.parent))
        return false;
    const name = d.name.text;
    const refs = [];
    const loops = [];
    const visit = (n) => {
        if (ts.isFunctionLike(n) || ts.isClassLike(n))
            return;
        if (ts.isForStatement(n) && counterAssign(ts, n) === name)
            loops.push(n);
        if (ts.isIdentifier(n) && n.text === name && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n))
            refs.push(n.getStart(sf));
        n.forEachChild(visit);
    };
    const siblings = stmt.parent.statements;
    for (let i = siblings.indexOf(stmt) + 1; i < siblings.length; i++)
        visit(siblings[i]);
    return splittable(ts, sf, [d], loops, refs);
}
/** The names a `for` loop's initialiser sets: `x = e`, or `var x = e, y = f`. */
function webNames(ts, f) {
    const a = counterAssign(ts, f);
    if (a !== null)
        return [a];
    const i = f.initializer;
    if (!i || !ts.isVariableDeclarationList(i) || (i.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) !== 0)
        return [];
    return i.declarations.flatMap((d) => (ts.isIdentifier(d.name) && d.initializer ? [d.name.text] : []));
}
/** The expression a `for` loop's initialiser gives `name` (see webNames). */
function webValue(ts, f, name) {
    const i = f.initializer;
    if (ts.isBinaryExpression(i))
        return i.right;
    return i.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name).initializer;
}
/** See the file comment: `ds` are the name's declarations, `loops` its web loops, `refs` the offsets of its uses. */
function splittable(ts, sf, ds, loops, refs) {
    if (loops.length === 0)
        return false;
    if (!ds.every((d) => !d.initializer || loops.some((f) => f.initializer === d.parent)))
        return false;
    const name = ds[0].name.text;
    const spans = loops.map((f) => {
        const v = webValue(ts, f, name);
        return { start: f.getStart(sf), end: f.getEnd(), rhs: { start: v.getStart(sf), end: v.getEnd() } };
    });
    for (const a of spans)
        for (const b of spans)
            if (a !== b && a.start <= b.start && b.end <= a.end)
                return false;
    return refs.every((r) => spans.some((sp) => r >= sp.start && r < sp.end && !(r >= sp.rhs.start && r < sp.rhs.end)));
}
/** Whether every use (`refs`: offsets) of the only `var` declaration `d` comes after it where a `let` would be in scope. */
function letLike(ts, sf, d, refs) {
    const list = d.parent;
    const holder = list.parent;
    if (ts.isForStatement(holder) && holder.initializer === list) {
        const end = holder.getEnd();
        return refs.every((r) => r > d.getEnd() && r < end);
    }
    if (!d.initializer || !ts.isVariableStatement(holder) || !ts.isBlock(holder.parent))
        return false;
    const end = holder.parent.getEnd();
    return refs.every((r) => r > d.getEnd() && r < end);
}
function push(m, k, x) {
    const xs = m.get(k);
    if (xs)
        xs.push(x);
    else
        m.set(k, [x]);
}
