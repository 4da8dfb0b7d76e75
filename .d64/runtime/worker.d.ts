/**
 * A Node pool worker (entry point, loaded from dist/runtime/worker.js). It never returns to its
 * event loop while the pool lives: it waits on its MAILBOX in the control block (spinning briefly
 * when allowed, then Atomics.wait), runs the job it finds (runtime/worker-core.ts), and waits
 * again. Kernel modules arrive on its port; it reads them synchronously with receiveMessageOnPort
 * when a job needs one. Errors go back on the same port.
 *
 * Must not import the compiler or typescript: only runtime modules.
 */
export {};
