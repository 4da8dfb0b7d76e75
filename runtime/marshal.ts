/**
 * Argument marshalling: writes a call's scalars and arrays into the kernel's frame.
 *
 * Arrays on parfor's shared memory (made by `parfor.array`) are used in place. Any other typed
 * array is copied into the heap when the kernel reads or writes it, and copied back when it writes
 * it. Views that share one ordinary buffer are copied as one span and mapped into it, so aliasing
 * views alias in the kernel exactly as they do in plain JavaScript. An array the call overwrites
 * in full before reading it (ParamSlot.overwrites, when this call's bound covers its length) is
 * not copied in, and is copied back only when the call succeeds: its other bytes are whatever the
 * heap held.
 */

import type { ParamSlot } from "../compiler/artifact.js";
import type { KernelMeta } from "./errors.js";
import { alloc, arrayBlockOf, currentBuffer, isFreedView, isSharedView, pin, release, sharedMemory, unpin } from "./memory.js";
import { viewFacts, type ViewFacts } from "./views.js";

type ArraySlot = Extract<ParamSlot, { kind: "array" }>;
/** A typed-array argument by its real (intrinsic) facts; its own properties are never read. */
type View = ViewFacts;

/** The copies a call made; `finish` copies written arrays back and releases the heap blocks. */
export interface Marshalled {
  /** `ok`: the call ran to its end (arrays that were not copied in are copied back only then) */
  finish(ok: boolean): void;
  /** bytes of the spans this call copies in, back or both (each span once) */
  readonly copiedBytes: number;
  /** the copied arrays, `name (size)`, for the copy-cost warning */
  describeCopies(): string;
}

interface Span {
  ptr: number;
  base: number;
  size: number;
  /** not copied in: every member is overwritten in full by the call */
  fresh: boolean;
  readonly members: { view: View; slot: ArraySlot }[];
}

const MAX_I32 = 0x7fffffff;

function formatSize(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** Whether this call overwrites every element of the argument of `slot` before reading any. */
function overwritten(slot: ArraySlot, length: number, args: readonly unknown[]): boolean {
  const o = slot.overwrites;
  if (!o) return false;
  const value = (b: NonNullable<ArraySlot["overwrites"]>["stop"]): number => {
    if ("param" in b) {
      const n = args[b.param];
      return typeof n === "number" ? n : Number.NaN;
    }
    const f = viewFacts(args[b.lengthOf]);
    return f === null || f.detached ? Number.NaN : f.length;
  };
  const n = value(o.stop);
  if (!o.inner && !o.width) return n >= length;
  // rows of m1 x ... x mk positions of `width` elements, row-major: whole numbers only, and row
  // lengths of at most 2^32 (no product of eight of them is infinite)
  const whole = (x: number): boolean => Number.isInteger(x) && x >= 0;
  if (!whole(n)) return false;
  let covered = n * (o.width ?? 1);
  for (const b of o.inner ?? []) {
    const m = value(b);
    if (!whole(m) || m > 2 ** 32) return false;
    covered *= m;
  }
  return covered >= length;
}

/** Writes `args` into the frame at `frame` per `meta.params`; returns how to finish the call. */
export function marshal(meta: KernelMeta, frame: number, args: readonly unknown[]): Marshalled {
  const fv = new DataView(sharedMemory().buffer, frame, meta.frameSize);
  const spans = new Map<ArrayBufferLike, Span>();
  // parfor.array blocks this call uses in place: free() refuses them until the call finishes
  const pinned: number[] = [];
  try {
    meta.params.forEach((slot, i) => writeParam(slot, i));
  } catch (e) {
    for (const b of pinned) unpin(b);
    throw e;
  }
  function writeParam(slot: ParamSlot, i: number): void {
    const v = args[i];
    switch (slot.kind) {
      case "f":
        fv.setFloat64(slot.offset, v as number, true);
        return;
      case "i":
        fv.setInt32(slot.offset, v as number, true);
        return;
      case "b":
        fv.setInt32(slot.offset, v ? 1 : 0, true);
        return;
      case "array": {
        const view = viewFacts(v);
        // signatureOf checked the kind; a detached or freed array gets here only through a
        // getter or a queued async call whose array was released in between
        if (view === null || view.detached) throw new TypeError(`parfor: kernel '${meta.name}': array '${slot.name}' has no elements (its ArrayBuffer was detached)`);
        if (isFreedView(v as object)) throw new TypeError(`parfor: kernel '${meta.name}': array '${slot.name}' was released with parfor.free`);
        if (view.length > MAX_I32) {
          throw new RangeError(`parfor: array '${slot.name}' has ${view.length} elements; compiled kernels allow at most ${MAX_I32}`);
        }
        fv.setInt32(slot.lengthOffset, view.length, true);
        if (isSharedView(v as ArrayBufferView)) {
          const block = arrayBlockOf(view.byteOffset, Math.max(1, view.byteLength));
          if (block < 0) {
            throw new TypeError(
              `parfor: kernel '${meta.name}': array '${slot.name}' is a view on parfor's shared memory outside every live parfor.array ` +
                `(an array released with parfor.free, or a view over parfor's own data); pass an array made by parfor.array or an ordinary typed array`,
            );
          }
          pin(block);
          pinned.push(block);
          fv.setUint32(slot.offset, view.byteOffset, true); // zero copy: the byte offset is the wasm address
        } else if (!slot.read && !slot.written) {
          fv.setUint32(slot.offset, 0, true); // only its length is used
        } else {
          let s = spans.get(view.buffer);
          if (s === undefined) spans.set(view.buffer, (s = { ptr: 0, base: 0, size: 0, fresh: true, members: [] }));
          s.fresh &&= overwritten(slot, view.length, args);
          s.members.push({ view, slot });
        }
        return;
      }
    }
  }
  const made: Span[] = [];
  try {
    for (const [buffer, s] of spans) {
      let lo = Infinity;
      let hi = 0;
      for (const { view } of s.members) {
        lo = Math.min(lo, view.byteOffset);
        hi = Math.max(hi, view.byteOffset + view.byteLength);
      }
      // Start the copy on a 16-byte boundary of the source so every view keeps its alignment.
      s.base = lo - (lo % 16);
      s.size = hi - s.base;
      s.ptr = alloc(s.size, 64);
      made.push(s);
      if (!s.fresh) new Uint8Array(currentBuffer(), s.ptr, s.size).set(new Uint8Array(buffer, s.base, s.size));
      for (const { view, slot } of s.members) fv.setUint32(slot.offset, s.ptr + view.byteOffset - s.base, true);
    }
  } catch (e) {
    for (const s of made) release(s.ptr);
    for (const b of pinned) unpin(b);
    throw e;
  }
  return {
    copiedBytes: made.reduce((t, s) => t + s.size, 0),
    describeCopies(): string {
      return made
        .flatMap((s) => s.members.map(({ view, slot }) => `'${slot.name}' (${view.kind}, ${formatSize(view.byteLength)}${s.fresh ? ", not copied in (the call overwrites it), copied back" : slot.written ? ", copied back" : ""})`))
        .join(", ");
    },
    finish(ok: boolean): void {
      try {
        for (const s of made) {
          if (s.fresh && !ok) continue;
          for (const { view, slot } of s.members) {
            if (!slot.written) continue;
            const from = new Uint8Array(currentBuffer(), s.ptr + view.byteOffset - s.base, view.byteLength);
            new Uint8Array(view.buffer, view.byteOffset, view.byteLength).set(from);
          }
        }
      } finally {
        for (const s of made) release(s.ptr);
        for (const b of pinned) unpin(b);
      }
    },
  };
}

/**
 * Pins the parfor.array blocks that `args` use in place, for a call that is queued now and
 * marshalled later (an async call): free() refuses them from the moment of the call, not only
 * from the moment it starts. Returns the unpin.
 */
export function pinArgs(args: readonly unknown[]): () => void {
  const held: number[] = [];
  for (const a of args) {
    const f = viewFacts(a);
    if (f === null || !isSharedView(a as ArrayBufferView)) continue;
    const block = arrayBlockOf(f.byteOffset, Math.max(1, f.byteLength));
    if (block < 0) continue; // marshal refuses it with the argument's name
    pin(block);
    held.push(block);
  }
  return () => {
    for (const b of held.splice(0)) unpin(b);
  };
}
