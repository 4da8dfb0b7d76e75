// Imported first by worker.ts, before parfor: counts the Atomics.wait calls this thread makes.
const counter = { waits: 0 };
const wait = Atomics.wait;
Atomics.wait = function (...args: Parameters<typeof Atomics.wait>) {
  counter.waits++;
  return wait.apply(Atomics, args);
} as typeof Atomics.wait;
(globalThis as unknown as { parforWaits: typeof counter }).parforWaits = counter;
export {};
