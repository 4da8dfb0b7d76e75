import { createRequire } from "node:module";
import { join } from "node:path";
import { rules } from "./rules/index.js";
/** typescript-eslint's parser, when the project (or parfor's own install) has it. */
function typescriptParser() {
    for (const from of [join(process.cwd(), "eslint.config.js"), import.meta.url]) {
        try {
            const p = createRequire(from)("@typescript-eslint/parser");
            return typeof p.parseForESLint === "function" || typeof p.parse === "function" ? p : p.default;
        }
        catch {
            // not installed there
        }
    }
    return undefined;
}
const parser = typescriptParser();
const recommendedRules = {};
for (const [name, rule] of Object.entries(rules))
    recommendedRules[`parfor/${name}`] = rule.spec.recommended;
const plugin = {
    meta: { name: "parfor/eslint", version: "0.1.0" },
    rules,
    configs: {
        recommended: {
            name: "parfor/recommended",
            files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"],
            plugins: {},
            ...(parser ? { languageOptions: { parser } } : {}),
            rules: recommendedRules,
        },
    },
};
// the config refers to the plugin itself
plugin.configs.recommended.plugins.parfor = plugin;
export default plugin;
export { rules };
