/**
 * Fourier–Motzkin elimination over the rationals, for the few variables of one dependence
 * question (two copies of a loop nest's indices plus the loop-invariant symbols). It answers one
 * thing: whether a conjunction of linear equalities and (strict or non-strict) inequalities has
 * no rational solution, which implies it has no integer solution. "Don't know" (too many
 * constraints) is answered as feasible, so a caller that reports every pair not proven
 * infeasible stays conservative.
 *
 * Equalities are eliminated first by substitution, with a GCD test on each one whose variables
 * are all integral; the inequalities are then projected one variable at a time.
 */
const EPS = 1e-9;
/** projections stop (answering "feasible") beyond this many inequalities */
const LIMIT = 400;
function gcd(a, b) {
    while (b)
        [a, b] = [b, a % b];
    return Math.abs(a);
}
/** `target` with `x` replaced by `rest` (x = sum rest.c * y + rest.k). */
function substitute(t, x, rest) {
    const a = t.c.get(x);
    if (a === undefined)
        return t;
    const c = new Map(t.c);
    c.delete(x);
    for (const [y, b] of rest.c) {
        const v = (c.get(y) ?? 0) + a * b;
        if (Math.abs(v) < EPS)
            c.delete(y);
        else
            c.set(y, v);
    }
    return { ...t, c, k: t.k + a * rest.k };
}
/**
 * Answers already given, by the text of the system (its rows in order, each variable with its
 * integrality): one dependence question asks the same system for several directions and
 * remainders, and the pairs of one loop share many of their systems. Kept for one kernel
 * (clearSystemCache, called by the loop analysis), at most CACHE_LIMIT entries.
 */
const caches = new Map();
let cached = 0;
const CACHE_LIMIT = 20000;
/** Forgets the answers kept so far (a new kernel's analysis starts). */
export function clearSystemCache() {
    caches.clear();
    cached = 0;
    idOfText.clear();
}
/**
 * Each row's number: rows of the same text get the same number, made once per row object. A
 * system's key is its rows' numbers, so looking a system up costs a short string, not the text
 * of all its rows.
 */
const rowIds = new WeakMap();
const idOfText = new Map();
/** never reused: a row object keeps its number when idOfText is cleared, and a text seen again after that gets a new one */
let nextId = 0;
function rowId(q) {
    let id = rowIds.get(q);
    if (id === undefined) {
        let key = "";
        for (const [y, v] of q.c)
            key += `${v}*${y}+`;
        key += "strict" in q ? (q.strict ? ">" : ">=") + q.k : "=" + q.k;
        id = idOfText.get(key);
        if (id === undefined)
            idOfText.set(key, (id = nextId++));
        rowIds.set(q, id);
    }
    return id;
}
/**
 * Whether the system has no rational solution. `integral(x)` says which variables only take
 * integer values (for the GCD test on equalities).
 */
export function infeasible(eqs0, ineqs0, integral) {
    let cache = caches.get(integral);
    if (!cache)
        caches.set(integral, (cache = new Map()));
    let key = "";
    for (const e of eqs0)
        key += rowId(e) + ",";
    key += ";";
    for (const q of ineqs0)
        key += rowId(q) + ",";
    const known = cache.get(key);
    if (known !== undefined)
        return known;
    const r = decide(eqs0, ineqs0, integral);
    if (cached >= CACHE_LIMIT)
        clearSystemCache();
    caches.get(integral)?.set(key, r) ?? caches.set(integral, new Map([[key, r]]));
    cached++;
    return r;
}
function sameDir(a, b) {
    for (let j = 0; j < a.length; j++)
        if (a[j] !== b[j])
            return false;
    return true;
}
/** A row's tightened form under the last integrality test it was tightened for (input rows recur across systems). */
const tightened = new WeakMap();
function decide(eqs0, ineqs0, integral) {
    // integer rows: sum c x + k > 0 is sum c x + k - 1 >= 0, and a common factor of the c divides the
    // constant down (before the equalities are substituted, which may bring in non-integral symbols, and after)
    const tighten = (q) => {
        const t = tightened.get(q);
        if (t && t.integral === integral)
            return t.row;
        const row = tightenRow(q);
        tightened.set(q, { integral, row });
        return row;
    };
    const tightenRow = (q) => {
        if (q.c.size === 0 || !Number.isInteger(q.k))
            return q;
        let g = 0;
        for (const [y, c] of q.c) {
            if (!integral(y) || !Number.isInteger(c))
                return q;
            g = gcd(g, Math.abs(c));
        }
        const k = q.strict ? q.k - 1 : q.k;
        const c = new Map();
        for (const [y, v] of q.c)
            c.set(y, v / g);
        return { c, k: Math.floor(k / g), strict: false };
    };
    let ineqs = ineqs0.map(tighten);
    let eqs = [...eqs0];
    while (eqs.length) {
        const e = eqs.pop();
        if (e.c.size === 0) {
            if (Math.abs(e.k) > EPS)
                return true;
            continue;
        }
        const cs = [...e.c.values()];
        if ([...e.c.keys()].every(integral) && cs.every((c) => Number.isInteger(c)) && Number.isInteger(e.k)) {
            const g = cs.reduce((x, y) => gcd(x, Math.abs(y)), 0);
            if (g > 0 && e.k % g !== 0)
                return true;
        }
        // eliminate an integral variable with coefficient +-1 (the other rows stay integral, so the GCD
        // test and tightening still apply to them), else the variable with the largest coefficient
        let x = "";
        let best = 0;
        for (const [y, c] of e.c)
            if (Math.abs(c) > best)
                [x, best] = [y, Math.abs(c)];
        for (const [y, c] of e.c)
            if (Math.abs(c) === 1 && integral(y))
                [x, best] = [y, 1];
        const a = e.c.get(x);
        const rc = new Map();
        for (const [y, c] of e.c)
            if (y !== x)
                rc.set(y, -c / a);
        const rest = { c: rc, k: -e.k / a };
        eqs = eqs.map((q) => substitute(q, x, rest));
        ineqs = ineqs.map((q) => substitute(q, x, rest));
    }
    ineqs = ineqs.map(tighten);
    // dense rows: coefficients per variable, then the constant; strictness apart
    const names = new Map();
    for (const q of ineqs)
        for (const y of q.c.keys())
            if (!names.has(y))
                names.set(y, names.size);
    const n = names.size;
    let rows = [];
    let strict = [];
    // Chernikov's rule: each row keeps the set of input rows it combines; after k eliminations a
    // row made of more than k + 1 of them is implied by the others and is dropped (only ever a
    // weaker system, so an answer of "infeasible" stays sound)
    const W = (ineqs.length + 31) >>> 5;
    let hist = [];
    ineqs.forEach((q, i) => {
        const r = new Float64Array(n + 1);
        for (const [y, v] of q.c)
            r[names.get(y)] = v;
        r[n] = q.k;
        rows.push(r);
        strict.push(q.strict);
        const h = new Uint32Array(W);
        h[i >>> 5] = 1 << (i & 31);
        hist.push(h);
    });
    let eliminated = 0;
    const alive = new Array(n).fill(true);
    const intCol = [];
    for (const [y, j] of names)
        intCol[j] = integral(y);
    for (;;) {
        // drop constant rows (or fail on a false one), normalise, keep the tightest of parallel rows
        const best = new Map();
        const dirs = [];
        const nr = [];
        const ns = [];
        const nh = [];
        const scales = [];
        for (let i = 0; i < rows.length; i++) {
            const r = rows[i];
            let m = 0;
            for (let j = 0; j < n; j++)
                if (Math.abs(r[j]) > EPS)
                    m = Math.max(m, Math.abs(r[j]));
                else
                    r[j] = 0;
            if (m === 0) {
                if (strict[i] ? r[n] <= EPS : r[n] < -EPS)
                    return true;
                continue;
            }
            // a row over integral variables with integer coefficients is tightened (projections too);
            // any other row is scaled to a largest coefficient of 1
            let whole = Number.isInteger(r[n]);
            let g = 0;
            for (let j = 0; j < n && whole; j++) {
                if (r[j] === 0)
                    continue;
                if (!intCol[j] || !Number.isInteger(r[j]) || Math.abs(r[j]) > 2 ** 40)
                    whole = false;
                else
                    g = gcd(g, Math.abs(r[j]));
            }
            let st = strict[i];
            if (whole && g > 0) {
                const k = st ? r[n] - 1 : r[n];
                for (let j = 0; j < n; j++)
                    r[j] = r[j] / g;
                r[n] = Math.floor(k / g);
                st = false;
                m /= g;
            }
            else {
                for (let j = 0; j <= n; j++)
                    r[j] = r[j] / m;
                m = 1;
            }
            // the direction, to 1e-6 of the largest coefficient, and a hash of it
            const dir = new Float64Array(n);
            let hash = 0;
            for (let j = 0; j < n; j++) {
                const d = r[j] === 0 ? 0 : Math.round((r[j] / m) * 1e6);
                dir[j] = d;
                hash = (Math.imul(hash, 31) + (d | 0) + ((d / 4294967296) | 0)) | 0;
            }
            let bucket = best.get(hash);
            let at;
            for (const b of bucket ?? [])
                if (sameDir(dirs[b], dir))
                    at = b;
            if (at === undefined) {
                if (!bucket)
                    best.set(hash, (bucket = []));
                bucket.push(nr.length);
                dirs.push(dir);
                nr.push(r);
                ns.push(st);
                nh.push(hist[i]);
                scales.push(m);
            }
            else {
                // same direction: the smaller constant (per unit of coefficient) is the tighter bound
                const o = nr[at];
                const a = r[n] / m;
                const b = o[n] / scales[at];
                if (a < b - EPS || (Math.abs(a - b) <= EPS && st && !ns[at])) {
                    nr[at] = r;
                    ns[at] = st;
                    nh[at] = hist[i];
                    scales[at] = m;
                }
            }
        }
        rows = nr;
        strict = ns;
        hist = nh;
        if (rows.length === 0)
            return false;
        if (rows.length > LIMIT)
            return false;
        // the variable whose elimination makes the fewest new rows
        let x = -1;
        let cost = Infinity;
        for (let j = 0; j < n; j++) {
            if (!alive[j])
                continue;
            let p = 0;
            let q = 0;
            for (const r of rows) {
                if (r[j] > 0)
                    p++;
                else if (r[j] < 0)
                    q++;
            }
            if (p + q === 0) {
                alive[j] = false;
                continue;
            }
            const k = p * q - p - q;
            if (k < cost)
                [x, cost] = [j, k];
        }
        if (x < 0)
            return false;
        alive[x] = false;
        eliminated++;
        const R = [];
        const RS = [];
        const RH = [];
        const P = [];
        const N = [];
        rows.forEach((r, i) => {
            if (r[x] > 0)
                P.push(i);
            else if (r[x] < 0)
                N.push(i);
            else {
                R.push(r);
                RS.push(strict[i]);
                RH.push(hist[i]);
            }
        });
        // a variable bounded on one side only can always be chosen to satisfy its rows
        for (const pi of P) {
            for (const ni of N) {
                const h = new Uint32Array(W);
                let bits = 0;
                const hp = hist[pi];
                const hq = hist[ni];
                for (let w = 0; w < W; w++) {
                    let v = (h[w] = hp[w] | hq[w]);
                    v = v - ((v >>> 1) & 0x55555555);
                    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
                    bits += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
                }
                if (bits > eliminated + 1)
                    continue;
                const p = rows[pi];
                const q = rows[ni];
                const a = p[x];
                const b = -q[x];
                const r = new Float64Array(n + 1);
                for (let j = 0; j <= n; j++)
                    r[j] = p[j] * b + q[j] * a;
                r[x] = 0;
                R.push(r);
                RS.push(strict[pi] || strict[ni]);
                RH.push(h);
                if (R.length > LIMIT)
                    return false;
            }
        }
        rows = R;
        strict = RS;
        hist = RH;
    }
}
