/**
 * What a typed-array argument really is, read with the intrinsic TypedArray.prototype getters
 * (the way plain JavaScript indexes it), never with the object's own properties: a subclass or a
 * Proxy-free object that overrides `length`, `byteOffset` or `buffer` cannot make a kernel read
 * or write outside the array's real elements.
 */
const TypedArrayPrototype = Object.getPrototypeOf(Int8Array.prototype);
function intrinsic(key) {
    const d = Object.getOwnPropertyDescriptor(TypedArrayPrototype, key);
    if (d?.get === undefined)
        throw new Error(`parfor internal error: TypedArray.prototype has no ${String(key)} getter`);
    return d.get;
}
const tagOf = intrinsic(Symbol.toStringTag);
const lengthOf = intrinsic("length");
const byteOffsetOf = intrinsic("byteOffset");
const byteLengthOf = intrinsic("byteLength");
const bufferOf = intrinsic("buffer");
const KINDS = new Set([
    "Float64Array",
    "Float32Array",
    "Int32Array",
    "Uint32Array",
    "Int16Array",
    "Uint16Array",
    "Int8Array",
    "Uint8Array",
    "Uint8ClampedArray",
]);
/** The typed-array kind of `x` from its internal slot (subclasses report their base kind), or null. */
export function viewKind(x) {
    if (typeof x !== "object" || x === null)
        return null;
    const tag = tagOf.call(x); // undefined for anything that is not a typed array
    return tag !== undefined && KINDS.has(tag) ? tag : null;
}
/** Facts of a typed array (whatever its own properties claim); null when `x` is not one of the nine kinds. */
export function viewFacts(x) {
    const kind = viewKind(x);
    if (kind === null)
        return null;
    const buffer = bufferOf.call(x);
    const length = lengthOf.call(x);
    return { kind, length, byteOffset: byteOffsetOf.call(x), byteLength: byteLengthOf.call(x), buffer, detached: length === 0 && isDetached(buffer) };
}
/** Whether `buffer` is a detached ArrayBuffer (a SharedArrayBuffer never is). */
function isDetached(buffer) {
    if (typeof SharedArrayBuffer === "function" && buffer instanceof SharedArrayBuffer)
        return false;
    try {
        new Uint8Array(buffer, 0, 0);
        return false;
    }
    catch {
        return true;
    }
}
