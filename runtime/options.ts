/** Options of `parallel(fn, options)`, validated at the public boundary (see validateOptions). */
export interface ParallelOptions {
  /** Threads in all, the calling thread included. Default: PARFOR_NUM_THREADS, else os.availableParallelism(). */
  threads?: number;
  /**
   * How prange iterations are handed to threads: `guided` (default) one contiguous block of
   * chunks per thread, claimed in shrinking batches, a thread done with its own taking half of what
   * another has left; `static` one contiguous block of chunks per thread; `dynamic` chunks claimed
   * one at a time. Results never depend on the schedule's choice of thread.
   */
  schedule?: "guided" | "static" | "dynamic";
  /**
   * Iterations per chunk: for `dynamic` (default 1, raised so a loop has at most 65,536 chunks) and
   * the least for `guided` (default 1, raised so a loop has at most 256 chunks); `static` ignores it.
   */
  chunkSize?: number;
  /** `"js"`: run the plain function (one warning) when the kernel cannot be compiled. Default `"error"`. */
  fallback?: "js" | "error";
  /**
   * Values for free variables of the kernel: numbers and booleans inlined as constants, and
   * helper functions the kernel calls (compiled from their `toString()` text and inlined).
   */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  globals?: Readonly<Record<string, number | boolean | Function>>;
  /**
   * Array arguments that share memory in a way that creates a dependence between iterations:
   * `"serial"` (default) runs that call on one thread, in order (reported once, PF2008);
   * `"error"` refuses it with a TypeError. Default: PARFOR_ALIASING, else "serial".
   */
  aliasing?: "serial" | "error";
  /** Emit race diagnostics with process.emitWarning (default true). */
  warnings?: boolean;
  /**
   * Keep JIT-compiled specialisations on disk for later processes: `true` for
   * node_modules/.cache/parfor of the nearest package, a folder, or `false`. Default: PARFOR_CACHE.
   */
  cache?: boolean | string;
  /**
   * `"races"`: checked mode, a dynamic race checker for the inputs of each call (every array
   * access in a prange recorded per element; two iterations touching one element, one writing,
   * make the call throw a ParforRaceError). Default: PARFOR_CHECK=races, else "off".
   */
  check?: "races" | "off";
}

/** Run-time settings the runtime needs for one call. */
export interface RunSettings {
  readonly threads: number;
  readonly schedule: "guided" | "static" | "dynamic";
  readonly chunkSize: number;
  /** false: no performance warnings (the kernel's `warnings: false`) */
  readonly warnings?: boolean;
}
