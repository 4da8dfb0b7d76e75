/**
 * Public runtime functions: arrays on the shared memory (`array`, `free`), the default thread
 * count (`threads`) and ending the worker pool (`shutdown`).
 */
/** The typed array constructors parfor accepts. */
export type ArrayConstructor = Float64ArrayConstructor | Float32ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor | Int16ArrayConstructor | Uint16ArrayConstructor | Int8ArrayConstructor | Uint8ArrayConstructor | Uint8ClampedArrayConstructor;
/**
 * A zero-filled typed array of `n` elements on parfor's shared memory: kernels use it in place,
 * with no copy in or out. Release it with `free` when done (it is not garbage-collected).
 */
export declare function array<C extends ArrayConstructor>(Ctor: C, n: number): InstanceType<C>;
export declare namespace array {
    var from: typeof arrayFrom;
}
/**
 * A parfor array with the kind, length and contents of `src` (any of the nine typed-array
 * kinds): data moved into shared memory once, then used in place by every call.
 */
declare function arrayFrom<T extends ArrayBufferView>(src: T): T;
/**
 * Releases an array made by `array`. The view must not be used afterwards (its memory is reused).
 * TypeError for anything else; Error for an array already freed.
 */
export declare function free(view: ArrayBufferView): void;
/**
 * Ends every pool worker (after async calls in flight finish). Safe to call at any time; the next
 * call that needs workers starts a new pool.
 */
export declare function shutdown(): Promise<void>;
/** What parfor holds right now (see `memoryUsage`). */
export interface MemoryUsage {
    /** bytes of the one shared WebAssembly.Memory (it grows, never shrinks) */
    readonly sharedMemoryBytes: number;
    /** bytes of it in use: arrays, kernel frames, copies of ordinary arrays during calls */
    readonly bytesInUse: number;
    /** arrays made by `array` and not freed */
    readonly liveArrays: number;
    /** compiled kernel specialisations loaded and not yet garbage-collected */
    readonly liveKernels: number;
    /** worker threads in the pool */
    readonly poolSize: number;
}
/** Shared memory size and use, live arrays and kernels, and the pool's size. */
export declare function memoryUsage(): MemoryUsage;
/**
 * The default thread count: PARFOR_NUM_THREADS when set (a positive integer up to the supported
 * maximum, else TypeError), otherwise the host's core count (os.availableParallelism() in Node, navigator.hardwareConcurrency in a browser).
 */
export declare function threads(): number;
export {};
