// parfor's plugin compiles the kernels at build time (no compiler in the page); the two headers
// make the page cross-origin isolated, which is what lets kernels use every core.
import { defineConfig } from "vite";
import { vite as parfor } from "parfor/bundler";

const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  plugins: [parfor()],
  server: { headers: isolation },
  preview: { headers: isolation },
  build: { target: "es2022" },
});
