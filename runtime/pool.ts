/**
 * The worker pool (main thread side): worker_threads made on first use, every one unref()ed so the
 * pool never keeps the process alive. Workers receive the shared memory at start and each kernel's
 * WasmModule once, by postMessage, before their first job of that kernel; everything
 * during a call goes through Atomics on the control block (see control.ts).
 */

import { existsSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import {
  controlView,
  EPOCH,
  GENERATION,
  errorSource,
  JOB_EXIT,
  JOB_KIND,
  MAILBOX,
  MAX_WORKERS,
  READY,
  STATE,
  WORKER_DEAD,
  WORKER_STARTING,
  workerField,
  workerOfSource,
} from "./control.js";
import { deserializeError, type KernelMeta, type SerializedError } from "./errors.js";
import { sharedMemory } from "./memory.js";
import type { WasmMemory, WasmModule } from "./wasm.js";

/** How long the leader waits for new workers to report ready. */
export const READY_TIMEOUT_MS = 15_000;

/** What the pool sends a worker when it starts. */
export interface WorkerInit {
  readonly memory: WasmMemory;
  readonly port: MessagePort;
  readonly index: number;
  readonly epoch: number;
}

/** A kernel module as posted to a worker. */
export interface KernelMessage {
  readonly kind: "kernel";
  readonly meta: KernelMeta;
  readonly module: WasmModule;
}

interface Handle {
  readonly worker: Worker;
  /** Our end of the worker's channel: kernels go out, errors come back. */
  readonly port: MessagePort;
  readonly index: number;
  /** Kernel ids whose module this worker has been sent. */
  readonly kernels: Set<number>;
  exited: boolean;
}

let handles: Handle[] = [];
let spinPolicy: "auto" | "never" = "auto";

/** The worker entry: dist/runtime/worker.js beside this file, or under dist/ when running from TS source. */
export function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith(".ts") ? new URL("../dist/runtime/worker.js", here) : new URL("./worker.js", here);
}

/**
 * Whether threads waiting for work may spin before sleeping. Never when the call uses more threads
 * than cores: a spinning thread would then steal the core of one that has work.
 */
export function spinAllowed(threads: number): boolean {
  return spinPolicy === "auto" && threads <= (cores ??= os.availableParallelism());
}

/** os.availableParallelism(), read once (a call costs ~0.3 µs, every call of a kernel needs it). */
let cores: number | undefined;

/** Turns spinning off ("never") or back to the default ("auto"); for measurements and tests. */
export function setSpinPolicy(policy: "auto" | "never"): void {
  spinPolicy = policy;
}

/** Number of workers the pool holds now. */
export function poolSize(): number {
  return handles.length;
}

/** The Worker objects (for tests that need to observe or disturb them). */
export function poolWorkers(): readonly Worker[] {
  return handles.map((h) => h.worker);
}

function isBroken(ctl: Int32Array): boolean {
  return handles.some((h) => h.exited || Atomics.load(ctl, workerField(h.index, STATE)) === WORKER_DEAD);
}

/** Tells every worker of the current pool to exit and forgets them (they finish on their own). */
function retire(ctl: Int32Array): Handle[] {
  const old = handles;
  handles = [];
  // Bumping EPOCH before the mailboxes means a worker that wakes sees it and exits (and a
  // worker still inside a job never finds a mailbox of the new pool addressed to it).
  Atomics.add(ctl, EPOCH, 1);
  // The wake-up value comes from GENERATION like any job's: a new worker in this slot starts
  // from the slot's current value, so later jobs must never store that same value again.
  const gen = (Atomics.add(ctl, GENERATION, 1) + 1) | 0;
  for (const h of old) {
    Atomics.store(ctl, workerField(h.index, JOB_KIND), JOB_EXIT);
    Atomics.store(ctl, workerField(h.index, MAILBOX), gen);
    Atomics.notify(ctl, workerField(h.index, MAILBOX));
  }
  Atomics.store(ctl, READY, 0);
  return old;
}

/**
 * Makes sure the pool has at least `n` ready workers, starting new ones and waiting (blocking,
 * bounded by READY_TIMEOUT_MS) for their ready handshake. A pool with a dead worker is replaced.
 * With `wait` false it only starts them: their boot then overlaps whatever the caller does next
 * (the first compile), and the handshake is awaited by the first call that needs them.
 */
export function ensureWorkers(n: number, wait = true): void {
  if (n > MAX_WORKERS) throw new RangeError(`parfor: at most ${MAX_WORKERS + 1} threads are supported, ${n + 1} were requested`);
  const memory = sharedMemory();
  const ctl = controlView(memory);
  if (handles.length > 0 && isBroken(ctl)) {
    for (const h of retire(ctl)) void h.worker.terminate();
  }
  if (handles.length >= n) {
    // started earlier without waiting: the handshake may still be pending
    if (!wait || Atomics.load(ctl, READY) >= n) return;
    awaitReady(ctl, n);
    return;
  }
  const url = workerUrl();
  if (!existsSync(fileURLToPath(url))) {
    throw new Error(`parfor: the worker entry ${fileURLToPath(url)} does not exist (run the TypeScript build first)`);
  }
  const epoch = Atomics.load(ctl, EPOCH);
  const target = n;
  while (handles.length < target) {
    const index = handles.length;
    Atomics.store(ctl, workerField(index, STATE), WORKER_STARTING);
    const { port1, port2 } = new MessageChannel();
    const init: WorkerInit = { memory, port: port2, index, epoch };
    const worker = new Worker(url, { workerData: init, transferList: [port2] });
    worker.unref();
    port1.unref();
    const h: Handle = { worker, port: port1, index, kernels: new Set(), exited: false };
    // Listeners run only when the main thread is idle; a worker that dies during a call is seen
    // through its STATE slot instead (the worker marks itself dead on the way out).
    worker.on("error", () => {
      h.exited = true;
    });
    worker.on("exit", () => {
      h.exited = true;
      if (handles.includes(h)) Atomics.store(ctl, workerField(index, STATE), WORKER_DEAD);
    });
    handles.push(h);
  }
  if (!wait) return;
  awaitReady(ctl, target);
}

/** Ready handshake: each worker adds 1 to READY (and notifies) once it can take jobs. */
function awaitReady(ctl: Int32Array, target: number): void {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const r = Atomics.load(ctl, READY);
    if (r >= target) return;
    const dead = handles.find((h) => Atomics.load(ctl, workerField(h.index, STATE)) === WORKER_DEAD);
    if (dead !== undefined) {
      const err = drainPort(dead);
      for (const h of retire(ctl)) void h.worker.terminate();
      throw new Error(`parfor: worker thread ${dead.index} failed to start${err ? `: ${err.message}` : ""}`);
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      for (const h of retire(ctl)) void h.worker.terminate();
      throw new Error(`parfor: ${target - r} of ${target} worker threads did not start within ${READY_TIMEOUT_MS / 1000} s`);
    }
    Atomics.wait(ctl, READY, r, Math.min(left, 50));
  }
}

/** Posts `meta`'s module to workers [0, n) that have not received it yet. */
export function sendKernel(n: number, meta: KernelMeta, module: WasmModule): void {
  for (let i = 0; i < n; i++) {
    const h = handles[i]!;
    if (h.kernels.has(meta.id)) continue;
    const msg: KernelMessage = { kind: "kernel", meta, module };
    h.port.postMessage(msg);
    h.kernels.add(meta.id);
  }
}

function drainPort(h: Handle): Error | undefined {
  let last: Error | undefined;
  for (;;) {
    const m = receiveMessageOnPort(h.port);
    if (m === undefined) return last;
    const msg = m.message as SerializedError;
    if (msg.kind === "error" && last === undefined) last = deserializeError(msg);
  }
}

/**
 * After a failed job: reads (synchronously, the main thread may be inside a call) every error the
 * workers posted, and returns the one of `source` (an ERROR value), rebuilt with its class. The
 * workers post before they add to DONE, so after the join every message is already queued.
 */
export function takeWorkerError(source: number): Error {
  let found: Error | undefined;
  const w = workerOfSource(source);
  for (const h of handles) {
    const e = drainPort(h);
    if (h.index === w && e !== undefined) found = e;
  }
  return found ?? new Error(`parfor: worker thread ${w} failed without reporting an error (source ${source} != ${errorSource(w)})`);
}

/** Drops any stale error messages (before a call starts). */
export function discardWorkerErrors(): void {
  for (const h of handles) drainPort(h);
}

/**
 * Ends every worker and waits for them to exit (terminating any that do not within 2 s). The
 * next call that needs workers starts a new pool.
 */
export async function shutdownPool(): Promise<void> {
  if (handles.length === 0) return;
  const ctl = controlView(sharedMemory());
  const old = retire(ctl);
  await Promise.all(
    old.map(async (h) => {
      if (h.exited) return;
      const exited = new Promise<void>((resolve) => h.worker.once("exit", () => resolve()));
      const timer = setTimeout(() => void h.worker.terminate(), 2000);
      await exited;
      clearTimeout(timer);
    }),
  );
}
