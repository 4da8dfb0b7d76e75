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
import type { KernelMeta } from "./errors.js";
/** The copies a call made; `finish` copies written arrays back and releases the heap blocks. */
export interface Marshalled {
    /** `ok`: the call ran to its end (arrays that were not copied in are copied back only then) */
    finish(ok: boolean): void;
    /** bytes of the spans this call copies in, back or both (each span once) */
    readonly copiedBytes: number;
    /** the copied arrays, `name (size)`, for the copy-cost warning */
    describeCopies(): string;
}
/** Writes `args` into the frame at `frame` per `meta.params`; returns how to finish the call. */
export declare function marshal(meta: KernelMeta, frame: number, args: readonly unknown[]): Marshalled;
/**
 * Pins the parfor.array blocks that `args` use in place, for a call that is queued now and
 * marshalled later (an async call): free() refuses them from the moment of the call, not only
 * from the moment it starts. Returns the unpin.
 */
export declare function pinArgs(args: readonly unknown[]): () => void;
