/**
 * `parfor/tsserver`, the TypeScript language-service plugin:
 *
 *   { "compilerOptions": { "plugins": [{ "name": "parfor/tsserver" }] } }
 *
 * tsserver loads plugins with `require`, so this entry is CommonJS. The decoration itself
 * (`plugin.ts`) is an ES module like the rest of parfor: on Node versions with `require(esm)`
 * (20.19+, 22.12+) it loads at once; on older ones it loads asynchronously and the open files'
 * diagnostics are refreshed when it is ready.
 */
import type * as TS from "typescript";
import type { PluginConfig, PluginState } from "./plugin.js";

type Impl = typeof import("./plugin.js");

/**
 * What tsserver gets from the entry. Typed structurally so that importing `parfor/tsserver`
 * does not pull the `typescript` package's declarations into a project's type-check.
 */
interface ParforTsserverPlugin {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  create(info: any): unknown;
  onConfigurationChanged?(config: unknown): void;
}

function init(modules: { typescript: unknown }): ParforTsserverPlugin {
  return initTyped(modules.typescript as typeof TS);
}

function initTyped(ts: typeof TS): TS.server.PluginModule {
  const created: { state: PluginState; project: TS.server.Project }[] = [];
  let impl: Impl | undefined;
  try {
    impl = require("./plugin.js") as Impl;
  } catch {
    import("./plugin.js").then(
      (m: Impl) => {
        impl = m;
        for (const c of created) c.project.refreshDiagnostics();
      },
      () => undefined,
    );
  }
  return {
    create(info: TS.server.PluginCreateInfo) {
      const state: PluginState = { config: (info.config ?? {}) as PluginConfig };
      created.push({ state, project: info.project });
      if (impl) return impl.decorate(ts, info, state);
      // not loaded yet: the plain service until it is
      let decorated: TS.LanguageService | undefined;
      return new Proxy(info.languageService, {
        get(target, prop) {
          if (impl) decorated ??= impl.decorate(ts, info, state);
          return Reflect.get(decorated ?? target, prop);
        },
      });
    },
    onConfigurationChanged(config: PluginConfig) {
      for (const c of created) {
        c.state.config = config;
        c.project.refreshDiagnostics();
      }
    },
  };
}

export = init;
