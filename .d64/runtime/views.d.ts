/**
 * What a typed-array argument really is, read with the intrinsic TypedArray.prototype getters
 * (the way plain JavaScript indexes it), never with the object's own properties: a subclass or a
 * Proxy-free object that overrides `length`, `byteOffset` or `buffer` cannot make a kernel read
 * or write outside the array's real elements.
 */
import type { ArrayKind } from "../compiler/artifact.js";
/** The real facts of a typed array argument. */
export interface ViewFacts {
    readonly kind: ArrayKind;
    readonly length: number;
    readonly byteOffset: number;
    readonly byteLength: number;
    readonly buffer: ArrayBufferLike;
    /** its ArrayBuffer was detached (transferred): it has no elements any more */
    readonly detached: boolean;
}
/** The typed-array kind of `x` from its internal slot (subclasses report their base kind), or null. */
export declare function viewKind(x: unknown): ArrayKind | null;
/** Facts of a typed array (whatever its own properties claim); null when `x` is not one of the nine kinds. */
export declare function viewFacts(x: unknown): ViewFacts | null;
