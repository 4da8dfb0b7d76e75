/**
 * What tsserver gets from the entry. Typed structurally so that importing `parfor/tsserver`
 * does not pull the `typescript` package's declarations into a project's type-check.
 */
interface ParforTsserverPlugin {
    create(info: any): unknown;
    onConfigurationChanged?(config: unknown): void;
}
declare function init(modules: {
    typescript: unknown;
}): ParforTsserverPlugin;
export = init;
