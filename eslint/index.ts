/**
 * parfor's ESLint plugin (flat config, ESLint 9 and later):
 *
 *   import parfor from "parfor/eslint";
 *   export default [parfor.configs.recommended];
 *
 * The rules analyse the file's text with parfor's own analysis (the same as `parfor check`), so
 * they work with any parser. ESLint's default parser cannot read TypeScript, so when
 * `@typescript-eslint/parser` resolves (from the current folder, else from parfor) the
 * recommended config sets it as the parser (it reads JavaScript too): `.ts`/`.tsx` files lint with
 * no other block. A later config that sets a parser overrides it.
 */
import type { ESLint, Linter } from "eslint";
import { createRequire } from "node:module";
import { join } from "node:path";
import { rules } from "./rules/index.js";

/** typescript-eslint's parser, when the project (or parfor's own install) has it. */
function typescriptParser(): Linter.Parser | undefined {
  for (const from of [join(process.cwd(), "eslint.config.js"), import.meta.url]) {
    try {
      const p = createRequire(from)("@typescript-eslint/parser") as { parseForESLint?: unknown; parse?: unknown; default?: Linter.Parser };
      return typeof p.parseForESLint === "function" || typeof p.parse === "function" ? (p as Linter.Parser) : p.default;
    } catch {
      // not installed there
    }
  }
  return undefined;
}

const parser = typescriptParser();

const recommendedRules: Linter.RulesRecord = {};
for (const [name, rule] of Object.entries(rules)) recommendedRules[`parfor/${name}`] = rule.spec.recommended;

interface ParforPlugin extends ESLint.Plugin {
  readonly rules: typeof rules;
  readonly configs: { readonly recommended: Linter.Config };
}

const plugin: ParforPlugin = {
  meta: { name: "parfor/eslint", version: "0.1.0" },
  rules,
  configs: {
    recommended: {
      name: "parfor/recommended",
      files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"],
      plugins: {} as Record<string, ESLint.Plugin>,
      ...(parser ? { languageOptions: { parser } } : {}),
      rules: recommendedRules,
    },
  },
};
// the config refers to the plugin itself
(plugin.configs.recommended.plugins as Record<string, ESLint.Plugin>).parfor = plugin;

export default plugin;
export { rules };
