// Bundles src/main.ts with esbuild or Vite and parfor's plugin: node build.mjs [esbuild|vite] [outDir]
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const tool = process.argv[2] ?? "esbuild";
const outDir = process.argv[3] ?? join(here, "dist", tool);
mkdirSync(outDir, { recursive: true });
const parfor = await import("parfor/bundler");

if (tool === "esbuild") {
  const { build } = await import("esbuild");
  await build({
    entryPoints: [join(here, "src/main.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    minify: true,
    external: ["parfor", "parfor/*"],
    outfile: join(outDir, "main.js"),
    plugins: [parfor.esbuild()],
    logLevel: "warning",
  });
} else if (tool === "vite") {
  const { build } = await import("vite");
  await build({
    configFile: false,
    logLevel: "warn",
    root: here,
    plugins: [parfor.vite()],
    build: {
      ssr: join(here, "src/main.ts"),
      outDir,
      emptyOutDir: true,
      minify: true,
      target: "node20",
      rollupOptions: { external: [/^parfor(\/|$)/, /^node:/], output: { entryFileNames: "main.js", format: "es" } },
    },
  });
} else {
  throw new Error(`unknown bundler ${tool}`);
}
process.stdout.write(join(outDir, "main.js") + "\n");
