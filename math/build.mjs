// Compiles the AssemblyScript math library (math/assembly) to dist/math/parfor-math.wasm.
// Run by `npm run build` before tsc. The module imports parfor's shared memory (env.memory,
// shared, up to 65536 pages), has no data segments, no start function and no other imports.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import asc from "assemblyscript/asc";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist", "math", "parfor-math.wasm");
mkdirSync(dirname(out), { recursive: true });

const { error, stderr } = await asc.main(
  [
    join(root, "math", "assembly", "index.ts"),
    "--outFile", out,
    "--optimizeLevel", "3",
    "--shrinkLevel", "0",
    "--noAssert",
    "--runtime", "stub",
    "--importMemory",
    "--sharedMemory",
    "--enable", "threads,simd",
    "--initialMemory", "1",
    "--maximumMemory", "65536",
    "--noExportMemory",
    "--use", "abort=",
  ],
  {},
);
if (error) {
  console.error(stderr.toString());
  console.error(`math/build.mjs: ${error.message}`);
  process.exit(1);
}
