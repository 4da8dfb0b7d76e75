import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // the Node host (runtime/host/node.ts), for tests that import runtime modules without index.ts
    setupFiles: ["test/setup-host.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // one test file at a time: many tests start worker pools, and the machine has 2 cores
    pool: "forks",
    fileParallelism: false,
    // the JSON report lets .ci/run print a plain "N passed, N failed" closing line
    reporters: ["default", ["json", { outputFile: ".vitest/results.json" }]],
  },
});
