"use strict";
function init(modules) {
    return initTyped(modules.typescript);
}
function initTyped(ts) {
    const created = [];
    let impl;
    try {
        impl = require("./plugin.js");
    }
    catch {
        import("./plugin.js").then((m) => {
            impl = m;
            for (const c of created)
                c.project.refreshDiagnostics();
        }, () => undefined);
    }
    return {
        create(info) {
            const state = { config: (info.config ?? {}) };
            created.push({ state, project: info.project });
            if (impl)
                return impl.decorate(ts, info, state);
            // not loaded yet: the plain service until it is
            let decorated;
            return new Proxy(info.languageService, {
                get(target, prop) {
                    if (impl)
                        decorated ??= impl.decorate(ts, info, state);
                    return Reflect.get(decorated ?? target, prop);
                },
            });
        },
        onConfigurationChanged(config) {
            for (const c of created) {
                c.state.config = config;
                c.project.refreshDiagnostics();
            }
        },
    };
}
module.exports = init;
