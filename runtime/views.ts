/**
 * What a typed-array argument really is, read with the intrinsic TypedArray.prototype getters
 * (the way plain JavaScript indexes it), never with the object's own properties: a subclass or a
 * Proxy-free object that overrides `length`, `byteOffset` or `buffer` cannot make a kernel read
 * or write outside the array's real elements.
 */

import type { ArrayKind } from "../compiler/artifact.js";

const TypedArrayPrototype = Object.getPrototypeOf(Int8Array.prototype) as object;

function intrinsic<T>(key: PropertyKey): (this: unknown) => T {
  const d = Object.getOwnPropertyDescriptor(TypedArrayPrototype, key);
  if (d?.get === undefined) throw new Error(`parfor internal error: TypedArray.prototype has no ${String(key)} getter`);
  return d.get as (this: unknown) => T;
}

const tagOf = intrinsic<string | undefined>(Symbol.toStringTag);
const lengthOf = intrinsic<number>("length");
const byteOffsetOf = intrinsic<number>("byteOffset");
const byteLengthOf = intrinsic<number>("byteLength");
const bufferOf = intrinsic<ArrayBufferLike>("buffer");

const KINDS = new Set<string>([
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
export function viewKind(x: unknown): ArrayKind | null {
  if (typeof x !== "object" || x === null) return null;
  const tag = tagOf.call(x); // undefined for anything that is not a typed array
  return tag !== undefined && KINDS.has(tag) ? (tag as ArrayKind) : null;
}

/** Facts of a typed array (whatever its own properties claim); null when `x` is not one of the nine kinds. */
export function viewFacts(x: unknown): ViewFacts | null {
  const kind = viewKind(x);
  if (kind === null) return null;
  const buffer = bufferOf.call(x);
  const length = lengthOf.call(x);
  return { kind, length, byteOffset: byteOffsetOf.call(x), byteLength: byteLengthOf.call(x), buffer, detached: length === 0 && isDetached(buffer) };
}

/** Whether `buffer` is a detached ArrayBuffer (a SharedArrayBuffer never is). */
function isDetached(buffer: ArrayBufferLike): boolean {
  if (typeof SharedArrayBuffer === "function" && buffer instanceof SharedArrayBuffer) return false;
  try {
    new Uint8Array(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}
