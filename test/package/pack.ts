/**
 * Packing and installing parfor as a user gets it, for the tests of the packed tarball
 * (tarball.test.ts for Node, browser-app.test.ts for a Vite page): `npm pack` of the repository,
 * installed into a fresh app folder. The install is offline where npm's cache has the
 * dependencies (it has after `npm ci`); other packages the app needs (TypeScript, Vite) are the
 * repository's own, installed from their folders.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const repo = process.cwd();

export function sh(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
  if (r.error) throw r.error;
  return r;
}

export function ok(r: SpawnSyncReturns<string>): string {
  if (r.status !== 0) throw new Error(`exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export interface Packed {
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

/** `npm pack` into `dir`. */
export function pack(dir: string): Packed {
  return (JSON.parse(ok(sh("npm", ["pack", "--json", "--pack-destination", dir], repo))) as Packed[])[0]!;
}

/** A fresh ESM app folder `app` with the tarball and the repository's own copies of `others` (node_modules names) installed. */
export function installApp(dir: string, app: string, packed: Packed, others: readonly string[]): void {
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  ok(sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", join(dir, packed.filename), ...others.map((o) => join(repo, "node_modules", o))], app));
}
