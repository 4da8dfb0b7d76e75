/**
 * What every pool worker runs, whatever starts it (runtime/worker.ts in Node, runtime/web-worker.ts
 * in a page): waiting on its MAILBOX in the control block, running prange chunks (JOB_LOOP) and
 * an async call's `main` as leader (JOB_MAIN), reporting in through DONE, ACK and ASYNC_STATE.
 * The entry supplies how kernel modules arrive and how errors leave (WorkerEnv).
 *
 * Must not import the compiler, typescript or any node: module: only runtime modules.
 */

import {
  ACK,
  ASYNC_FAILED,
  ASYNC_OK,
  ASYNC_STATE,
  CALL_CHUNK_SIZE,
  CALL_FRAME,
  CALL_KERNEL,
  CALL_SCHEDULE,
  CALL_SCRATCH,
  CALL_SCRATCH_BYTES,
  CALL_SPIN,
  CALL_THREADS,
  CHUNK,
  CHUNKS,
  controlView,
  COUNT,
  DONE,
  EPOCH,
  ERROR,
  errorSource,
  FRAME,
  JOB_EXIT,
  JOB_KIND,
  JOB_LOOP,
  JOB_MAIN,
  KERNEL,
  LOOP,
  MERGE,
  MAILBOX,
  PARTIAL_BASE,
  PARTIAL_STRIDE,
  READY,
  RESULT_BYTE,
  SCHEDULE,
  SPIN,
  STATE,
  TAKE,
  takenMark,
  THREADS,
  TNUM,
  WORKER_DEAD,
  WORKER_READY,
  workerField,
} from "./control.js";
import { inlineLoopAt, runShare, SPIN_MS, withLeader, type KernelExports, type Leader } from "./dispatch.js";
import { PeerFailure, serializeError, wrapTrap, type KernelMeta, type SerializedError } from "./errors.js";
import { kernelImports } from "./imports.js";
import { setMathThread } from "./mathlib.js";
import type { DropMessage, KernelMessage } from "./pool.js";
import { Wasm, type WasmMemory, type WasmModule } from "./wasm.js";


/** What the entry gives the worker's core. */
export interface WorkerEnv {
  readonly memory: WasmMemory;
  readonly index: number;
  readonly epoch: number;
  /**
   * Reads one queued message synchronously (Node's receiveMessageOnPort) and hands it to
   * `onMessage`; false when none is queued or the host cannot (web workers receive on their
   * event loop, between jobs).
   */
  takeMessage(): boolean;
  /** Hands a failure to the main thread (called before the thread's release store). */
  report(e: SerializedError, won: boolean): void;
  /** Collects garbage now, where the host allows it (after many dropped kernels). */
  collectGarbage(): void;
}

interface Entry {
  readonly meta: KernelMeta;
  readonly module: WasmModule;
  exports?: KernelExports;
}

/**
 * Kernels dropped since this thread last collected garbage. A worker never returns to its event
 * loop and allocates almost nothing, so V8 would never collect the instances of dropped kernels,
 * which keep their compiled code alive: after DROPS_PER_GC drops it collects explicitly.
 */
const DROPS_PER_GC = 64;

/** One pool worker's state and jobs. */
export class WorkerCore {
  readonly ctl: Int32Array;
  readonly self: number;
  private readonly kernels = new Map<number, Entry>();
  private dropped = 0;

  constructor(readonly env: WorkerEnv) {
    this.ctl = controlView(env.memory);
    this.self = errorSource(env.index);
    // The math library's per-thread scratch block of this worker (see mathlib.ts).
    setMathThread(env.index);
  }

  /** A message from the main thread: a kernel to keep or one to forget. */
  onMessage(msg: KernelMessage | DropMessage): void {
    if (msg.kind === "kernel") this.kernels.set(msg.meta.id, { meta: msg.meta, module: msg.module });
    else if (msg.kind === "drop" && this.kernels.delete(msg.id) && ++this.dropped >= DROPS_PER_GC) {
      this.dropped = 0;
      this.env.collectGarbage();
    }
  }

  /** Whether this worker holds kernel `id`'s module. */
  has(id: number): boolean {
    return this.kernels.has(id);
  }

  /** The kernel a job of `kind` in this worker's mailbox runs. */
  kernelOfJob(kind: number): number {
    return Atomics.load(this.ctl, kind === JOB_MAIN ? CALL_KERNEL : KERNEL);
  }

  /** The kernel `id`, instantiated on this thread (modules are read off the port as needed). */
  private kernel(id: number): { meta: KernelMeta; exports: KernelExports } {
    let e = this.kernels.get(id);
    if (e === undefined) {
      // Read everything queued: drops of collected kernels come in order with the new modules.
      while (this.env.takeMessage());
      e = this.kernels.get(id);
      if (e === undefined) throw new Error(`parfor internal error: worker ${this.env.index} was never sent kernel ${id}`);
    }
    if (e.exports === undefined) {
      const inst = new Wasm.Instance(e.module, kernelImports(this.env.memory, this.ctl, e.meta));
      e.exports = inst.exports as unknown as KernelExports;
    }
    return { meta: e.meta, exports: e.exports };
  }

  private fail(err: unknown): void {
    // An async leader whose own chunk failed already claimed ERROR in runParallel: still the winner.
    const prev = Atomics.compareExchange(this.ctl, ERROR, 0, this.self);
    const won = prev === 0 || prev === this.self;
    this.env.report(serializeError(err), won);
  }

  /** Marks this worker ready (returns false for a worker of a pool retired while it booted). */
  start(): number | null {
    const ctl = this.ctl;
    const { index, epoch } = this.env;
    const seen = Atomics.load(ctl, workerField(index, MAILBOX));
    // A worker of a pool retired while it was still booting must not count as ready for the new
    // pool (whose worker may already own this slot): it leaves without touching shared fields.
    if (Atomics.load(ctl, EPOCH) !== epoch) return null;
    // nothing to finish yet: a failed call that checks this slot must not wait for it
    Atomics.store(ctl, workerField(index, ACK), seen);
    Atomics.store(ctl, workerField(index, STATE), WORKER_READY);
    Atomics.add(ctl, READY, 1);
    Atomics.notify(ctl, READY);
    return seen;
  }

  /**
   * Spins until this worker's MAILBOX differs from `seen` (bounded by SPIN_MS, only when the
   * leader said spinning is allowed: with more threads than cores a spinning worker would take
   * the core of a thread with work). Returns the new value, or `seen` when it did not change.
   */
  spin(seen: number): number {
    const mb = workerField(this.env.index, MAILBOX);
    if (Atomics.load(this.ctl, SPIN) !== 1) return Atomics.load(this.ctl, mb);
    const until = performance.now() + SPIN_MS;
    let n = 0;
    for (;;) {
      const v = Atomics.load(this.ctl, mb);
      if (v !== seen) return v;
      if ((++n & 63) === 0 && performance.now() > until) return v;
    }
  }

  /**
   * Runs the job of mailbox value `gen`. Returns false when the worker must exit (its pool was
   * retired or it was told to).
   */
  runJob(gen: number): boolean {
    if (Atomics.load(this.ctl, EPOCH) !== this.env.epoch) return false;
    const kind = Atomics.load(this.ctl, workerField(this.env.index, JOB_KIND));
    if (kind === JOB_EXIT) return false;
    if (kind === JOB_LOOP) this.loopJob(gen);
    else if (kind === JOB_MAIN) this.mainJob(gen);
    return true;
  }

  /** Runs this worker's share of the current prange job (mailbox value `gen`), then reports in DONE. */
  private loopJob(gen: number): void {
    const ctl = this.ctl;
    const index = this.env.index;
    // A leader that ran every chunk before we woke withdrew the job (TAKE): touch nothing of it.
    if (Atomics.compareExchange(ctl, workerField(index, TAKE), gen, takenMark(gen)) !== gen) {
      Atomics.store(ctl, workerField(index, ACK), gen);
      return;
    }
    // The MAILBOX load in the wait was the acquire edge: the job fields below are this job's,
    // and stay unchanged until we add to DONE (the leader waits for that before the next job).
    const loop = Atomics.load(ctl, LOOP);
    let meta: KernelMeta | undefined;
    try {
      const k = this.kernel(Atomics.load(ctl, KERNEL));
      meta = k.meta;
      const fn = k.exports["loop_" + loop];
      if (fn === undefined) throw new Error(`parfor internal error: kernel ${meta.name} does not export loop_${loop}`);
      const T = Atomics.load(ctl, THREADS);
      const t = Atomics.load(ctl, workerField(index, TNUM));
      runShare(
        ctl,
        fn,
        Atomics.load(ctl, FRAME) >>> 0,
        Atomics.load(ctl, COUNT),
        Atomics.load(ctl, CHUNK),
        Atomics.load(ctl, CHUNKS),
        Atomics.load(ctl, SCHEDULE),
        Atomics.load(ctl, PARTIAL_BASE) >>> 0,
        Atomics.load(ctl, PARTIAL_STRIDE),
        t,
        T,
        Atomics.load(ctl, MERGE),
      );
    } catch (err) {
      // Report before adding to DONE, so the leader finds the error once it has joined.
      this.fail(meta === undefined ? err : wrapTrap(err, meta, loop));
    } finally {
      // Release edge (2): our array and partial writes happen-before the leader's read of DONE
      // (and of ACK, which a failed call reads to know this thread stopped touching memory).
      Atomics.store(ctl, workerField(index, ACK), gen);
      Atomics.add(ctl, DONE, 1);
      Atomics.notify(ctl, DONE);
    }
  }

  /** Runs an async call's `main` with this worker as leader and helpers index+1..index+T-1. */
  private mainJob(gen: number): void {
    const ctl = this.ctl;
    const { memory, index } = this.env;
    let meta: KernelMeta | undefined;
    let frame = 0;
    let state = ASYNC_FAILED;
    try {
      const k = this.kernel(Atomics.load(ctl, CALL_KERNEL));
      meta = k.meta;
      frame = Atomics.load(ctl, CALL_FRAME) >>> 0;
      const scratch = Atomics.load(ctl, CALL_SCRATCH) >>> 0;
      const scratchBytes = Atomics.load(ctl, CALL_SCRATCH_BYTES) >>> 0;
      const L: Leader = {
        memory,
        ctl,
        meta,
        exports: k.exports,
        threads: Atomics.load(ctl, CALL_THREADS),
        firstWorker: index + 1,
        schedule: Atomics.load(ctl, CALL_SCHEDULE),
        chunkSize: Atomics.load(ctl, CALL_CHUNK_SIZE),
        spin: Atomics.load(ctl, CALL_SPIN) === 1,
        selfSource: this.self,
        // This thread cannot use the JS allocator (it lives on the main thread), so the main
        // thread reserved room for the largest partials area any loop of this call can need.
        acquirePartials(bytes: number): number {
          if (bytes > scratchBytes) throw new Error(`parfor internal error: partials need ${bytes} bytes, scratch has ${scratchBytes}`);
          return scratch;
        },
        releasePartials(): void {},
        failure(): Error {
          return new PeerFailure();
        },
      };
      Atomics.store(ctl, ERROR, 0);
      Atomics.store(ctl, FRAME, frame);
      const main = k.exports["main"];
      if (main === undefined) throw new Error(`parfor internal error: kernel ${meta.name} does not export main`);
      const r = withLeader(L, () => main(frame));
      new Float64Array(memory.buffer, RESULT_BYTE, 1)[0] = typeof r === "number" ? r : 0;
      state = ASYNC_OK;
    } catch (err) {
      if (!(err instanceof PeerFailure)) this.fail(meta === undefined ? err : wrapTrap(err, meta, inlineLoopAt(memory, meta, frame)));
    } finally {
      // Release edge (3): RESULT, arrays and error messages precede this store.
      Atomics.store(ctl, workerField(index, ACK), gen);
      Atomics.store(ctl, ASYNC_STATE, state);
      Atomics.notify(ctl, ASYNC_STATE);
    }
  }

  /**
   * Whatever ends the worker (exit job or a bug), make it visible to a leader waiting in a join;
   * a worker of an old pool (epoch changed) leaves the slot, now another worker's, alone.
   */
  end(): void {
    const ctl = this.ctl;
    if (Atomics.load(ctl, EPOCH) === this.env.epoch) {
      Atomics.store(ctl, workerField(this.env.index, STATE), WORKER_DEAD);
      Atomics.notify(ctl, DONE);
      Atomics.notify(ctl, READY);
    }
  }
}
