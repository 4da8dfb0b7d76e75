const PAGE = 65536;
const MIN_REGION = 16 * PAGE;
/** Elements per array at most (lengths are int32 in a kernel). */
const MAX_LENGTH = 0x7fffffff;
const regions = [];
let cur = -1;
let top = 0;
/** Bytes of shared memory this thread's arena holds (for tests and the bench). */
export function arenaBytes() {
    return regions.reduce((s, r) => s + r.size, 0);
}
/** The arena's current top (a mark). */
export function arenaMark() {
    return top;
}
/** Releases everything allocated since `mark` (0: everything). */
export function arenaReset(mark) {
    mark >>>= 0;
    if (mark === 0 || regions.length === 0) {
        cur = regions.length > 0 ? 0 : -1;
        top = cur === 0 ? regions[0].base : 0;
        return;
    }
    for (let r = Math.max(cur, 0); r >= 0; r--) {
        const g = regions[r];
        if (mark >= g.base && mark <= g.base + g.size) {
            cur = r;
            top = mark;
            return;
        }
    }
    throw new Error(`parfor internal error: arena reset to ${mark}, which no region holds`);
}
/**
 * A block for `count` elements of `elementBytes` bytes (16-byte aligned, not cleared). `count`
 * is converted as `new Float64Array(count)` converts it: truncated, NaN is 0, negative or too
 * large is a RangeError.
 */
export function arenaAlloc(memory, count, elementBytes) {
    const n = Number.isNaN(count) ? 0 : Math.trunc(count);
    if (n < 0 || n > MAX_LENGTH)
        throw new RangeError(`Invalid typed array length: ${count}`);
    const bytes = Math.ceil((n * elementBytes) / 16) * 16;
    if (bytes === 0)
        return cur >= 0 ? top : 16;
    for (;;) {
        if (cur >= 0) {
            const g = regions[cur];
            if (top + bytes <= g.base + g.size) {
                const p = top;
                top += bytes;
                return p;
            }
        }
        if (cur + 1 >= regions.length)
            break;
        cur++;
        top = regions[cur].base;
    }
    const last = regions[regions.length - 1];
    const want = Math.max(bytes, MIN_REGION, last ? last.size * 2 : 0);
    const pages = Math.ceil(want / PAGE);
    let prev;
    try {
        prev = memory.grow(pages);
    }
    catch (e) {
        throw new RangeError(`parfor: a kernel's array of ${n} elements does not fit in shared memory (${e.message})`);
    }
    regions.push({ base: prev * PAGE, size: pages * PAGE });
    cur = regions.length - 1;
    top = prev * PAGE + bytes;
    return prev * PAGE;
}
