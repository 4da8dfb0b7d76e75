// Runs the corpus against plain-stub.ts instead of the compiler (see plain-stub.ts).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const stub = fileURLToPath(new URL("./plain-stub.ts", import.meta.url));
const root = fileURLToPath(new URL("../..", import.meta.url));

export default defineConfig({
  root,
  resolve: { alias: [{ find: /^(\.\.\/)+index\.js$/, replacement: stub }] },
  test: {
    include: ["test/differential/**/*.test.ts", "test/prange.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
  },
});
