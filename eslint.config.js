// The repository's own lint setup: parfor's recommended rules on every source file, with
// typescript-eslint's parser for TypeScript (ESLint's default parser reads .js/.mjs).
import tsParser from "@typescript-eslint/parser";
import parfor from "parfor/eslint";

export default [
  { ignores: ["dist/**", "node_modules/**", "bench/results/**"] },
  { files: ["**/*.{ts,mts,cts,tsx}"], languageOptions: { parser: tsParser } },
  parfor.configs.recommended,
];
