/**
 * A pool worker (entry point, loaded from dist/runtime/worker.js). It never returns to its event
 * loop while the pool lives: it waits on its MAILBOX in the control block (spinning briefly when
 * allowed, then Atomics.wait), runs the job it finds, and waits again. Kernel modules arrive on
 * its port; it reads them synchronously with receiveMessageOnPort when a job needs one.
 *
 * Must not import the compiler or typescript: only runtime modules.
 */

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { receiveMessageOnPort, workerData } from "node:worker_threads";
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
  MAILBOX,
  PARTIAL_BASE,
  PARTIAL_STRIDE,
  READY,
  RESULT_BYTE,
  SCHEDULE,
  SPIN,
  STATE,
  THREADS,
  TNUM,
  WORKER_DEAD,
  WORKER_READY,
  workerField,
} from "./control.js";
import { runShare, SPIN_MS, withLeader, type KernelExports, type Leader } from "./dispatch.js";
import { PeerFailure, serializeError, wrapTrap, type KernelMeta } from "./errors.js";
import { kernelImports } from "./imports.js";
import { setMathThread } from "./mathlib.js";
import type { DropMessage, KernelMessage, WorkerInit } from "./pool.js";
import { Wasm, type WasmModule } from "./wasm.js";

const { memory, port, index, epoch, lifeline } = workerData as WorkerInit;
// Never read: the watcher sees it close when this thread ends, however it ends (see pool.ts).
void lifeline;
const ctl = controlView(memory);
const self = errorSource(index);
// The math library's per-thread scratch block of this worker (see mathlib.ts).
setMathThread(index);

interface Entry {
  readonly meta: KernelMeta;
  readonly module: WasmModule;
  exports?: KernelExports;
}
const kernels = new Map<number, Entry>();

/**
 * Kernels dropped since this thread last collected garbage. A worker never returns to its event
 * loop and allocates almost nothing, so V8 would never collect the instances of dropped kernels,
 * which keep their compiled code alive: after DROPS_PER_GC drops it collects explicitly.
 */
let dropped = 0;
const DROPS_PER_GC = 64;
let collect: (() => void) | null | undefined;

function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      collect = runInNewContext("gc") as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}

/** Takes one message off the port (a kernel to keep or one to forget); false when none is queued. */
function takeMessage(): boolean {
  const m = receiveMessageOnPort(port);
  if (m === undefined) return false;
  const msg = m.message as KernelMessage | DropMessage;
  if (msg.kind === "kernel") kernels.set(msg.meta.id, { meta: msg.meta, module: msg.module });
  else if (msg.kind === "drop" && kernels.delete(msg.id) && ++dropped >= DROPS_PER_GC) {
    dropped = 0;
    collectGarbage();
  }
  return true;
}

/** The kernel `id`, instantiated on this thread (modules are read off the port as needed). */
function kernel(id: number): { meta: KernelMeta; exports: KernelExports } {
  let e = kernels.get(id);
  if (e === undefined) {
    // Read everything queued: drops of collected kernels come in order with the new modules.
    while (takeMessage());
    e = kernels.get(id);
    if (e === undefined) throw new Error(`parfor internal error: worker ${index} was never sent kernel ${id}`);
  }
  if (e.exports === undefined) {
    const inst = new Wasm.Instance(e.module, kernelImports(memory, ctl, e.meta));
    e.exports = inst.exports as unknown as KernelExports;
  }
  return { meta: e.meta, exports: e.exports };
}

/**
 * Waits until this worker's MAILBOX differs from `seen` and returns the new value. Spins first
 * (bounded by SPIN_MS) only when the leader said spinning is allowed: with more threads than
 * cores a spinning worker would take the core of a thread with work.
 */
function waitMailbox(seen: number): number {
  const mb = workerField(index, MAILBOX);
  if (Atomics.load(ctl, SPIN) === 1) {
    const until = performance.now() + SPIN_MS;
    let n = 0;
    for (;;) {
      const v = Atomics.load(ctl, mb);
      if (v !== seen) return v;
      if ((++n & 63) === 0 && performance.now() > until) break;
    }
  }
  for (;;) {
    // Atomics.wait re-checks the value atomically, so a store+notify between our load and the
    // wait is never lost.
    Atomics.wait(ctl, mb, seen);
    const v = Atomics.load(ctl, mb);
    if (v !== seen) return v;
  }
}

/** Runs this worker's share of the current prange job (mailbox value `gen`), then reports in DONE. */
function loopJob(gen: number): void {
  // The MAILBOX load in waitMailbox was the acquire edge: the job fields below are this job's,
  // and stay unchanged until we add to DONE (the leader waits for that before the next job).
  const loop = Atomics.load(ctl, LOOP);
  let meta: KernelMeta | undefined;
  try {
    const k = kernel(Atomics.load(ctl, KERNEL));
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
      Atomics.load(ctl, SCHEDULE) === 1,
      Atomics.load(ctl, PARTIAL_BASE) >>> 0,
      Atomics.load(ctl, PARTIAL_STRIDE),
      t,
      T,
    );
  } catch (err) {
    Atomics.compareExchange(ctl, ERROR, 0, self);
    // Post before adding to DONE, so the leader finds the message once it has joined.
    port.postMessage(serializeError(meta === undefined ? err : wrapTrap(err, meta, loop)));
  } finally {
    // Release edge (2): our array and partial writes happen-before the leader's read of DONE
    // (and of ACK, which a failed call reads to know this thread stopped touching memory).
    Atomics.store(ctl, workerField(index, ACK), gen);
    Atomics.add(ctl, DONE, 1);
    Atomics.notify(ctl, DONE);
  }
}

/** Runs an async call's `main` with this worker as leader and helpers index+1..index+T-1. */
function mainJob(gen: number): void {
  let meta: KernelMeta | undefined;
  let state = ASYNC_FAILED;
  try {
    const k = kernel(Atomics.load(ctl, CALL_KERNEL));
    meta = k.meta;
    const frame = Atomics.load(ctl, CALL_FRAME) >>> 0;
    const scratch = Atomics.load(ctl, CALL_SCRATCH) >>> 0;
    const scratchBytes = Atomics.load(ctl, CALL_SCRATCH_BYTES) >>> 0;
    const L: Leader = {
      memory,
      ctl,
      meta,
      exports: k.exports,
      threads: Atomics.load(ctl, CALL_THREADS),
      firstWorker: index + 1,
      dynamic: Atomics.load(ctl, CALL_SCHEDULE) === 1,
      chunkSize: Atomics.load(ctl, CALL_CHUNK_SIZE),
      spin: Atomics.load(ctl, CALL_SPIN) === 1,
      selfSource: self,
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
    if (!(err instanceof PeerFailure)) {
      Atomics.compareExchange(ctl, ERROR, 0, self);
      port.postMessage(serializeError(meta === undefined ? err : wrapTrap(err, meta, undefined)));
    }
  } finally {
    // Release edge (3): RESULT, arrays and error messages precede this store.
    Atomics.store(ctl, workerField(index, ACK), gen);
    Atomics.store(ctl, ASYNC_STATE, state);
    Atomics.notify(ctl, ASYNC_STATE);
  }
}

function run(): void {
  let seen = Atomics.load(ctl, workerField(index, MAILBOX));
  // A worker of a pool retired while it was still booting must not count as ready for the new
  // pool (whose worker may already own this slot): it leaves without touching shared fields.
  if (Atomics.load(ctl, EPOCH) !== epoch) return;
  // nothing to finish yet: a failed call that checks this slot must not wait for it
  Atomics.store(ctl, workerField(index, ACK), seen);
  Atomics.store(ctl, workerField(index, STATE), WORKER_READY);
  Atomics.add(ctl, READY, 1);
  Atomics.notify(ctl, READY);
  for (;;) {
    seen = waitMailbox(seen);
    if (Atomics.load(ctl, EPOCH) !== epoch) return;
    const kind = Atomics.load(ctl, workerField(index, JOB_KIND));
    if (kind === JOB_EXIT) return;
    if (kind === JOB_LOOP) loopJob(seen);
    else if (kind === JOB_MAIN) mainJob(seen);
  }
}

try {
  run();
} finally {
  // Whatever ends this loop (exit job or a bug), make it visible to a leader waiting in a join;
  // a worker of an old pool (epoch changed) leaves the slot, now another worker's, alone.
  if (Atomics.load(ctl, EPOCH) === epoch) {
    Atomics.store(ctl, workerField(index, STATE), WORKER_DEAD);
    Atomics.notify(ctl, DONE);
    Atomics.notify(ctl, READY);
  }
}
