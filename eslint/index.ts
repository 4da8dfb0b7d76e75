/**
 * parfor's ESLint plugin (flat config, ESLint 9 and later):
 *
 *   import parfor from "parfor/eslint";
 *   export default [parfor.configs.recommended];
 *
 * The rules analyse the file's text with parfor's own analysis (the same as `parfor check`), so
 * they work with any parser: ESLint's default one for .js/.mjs, typescript-eslint's for .ts/.tsx.
 */
import type { ESLint, Linter } from "eslint";
import { rules } from "./rules/index.js";

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
      rules: recommendedRules,
    },
  },
};
// the config refers to the plugin itself
(plugin.configs.recommended.plugins as Record<string, ESLint.Plugin>).parfor = plugin;

export default plugin;
export { rules };
