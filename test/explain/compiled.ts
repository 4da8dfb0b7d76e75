/**
 * The explain fixtures as a user's build has them: compiled by tsc with source maps into
 * dist/test/explain/fixtures (so `../../../index.js` is the built package), run by a plain Node.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import ts from "typescript";
import { join } from "node:path";

const ROOT = process.cwd();

/** Compiles a folder's fixtures as tsc does, with `//# sourceMappingURL` and .js.map files, into the same folder under dist/. */
export function compileFixtures(folder = "test/explain/fixtures", inline = false): string {
  const dir = join(ROOT, folder);
  const out = join(ROOT, "dist", folder);
  mkdirSync(out, { recursive: true });
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".ts"))) {
    const r = ts.transpileModule(readFileSync(join(dir, f), "utf8"), {
      fileName: join(dir, f),
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, outDir: out, rootDir: dir, ...(inline ? { inlineSourceMap: true } : { sourceMap: true }) },
    });
    const js = f.replace(/\.ts$/, ".js");
    writeFileSync(join(out, js), r.outputText);
    if (!inline) writeFileSync(join(out, js + ".map"), r.sourceMapText!);
  }
  return out;
}

/** Runs an ES module's text with Node in the repository root; stdout, stderr and the exit code. */
export function runModule(code: string, flags: readonly string[] = [], env: Record<string, string> = {}): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [...flags, "--input-type=module", "-e", code], { cwd: ROOT, encoding: "utf8", env: { ...process.env, PARFOR_NUM_THREADS: "4", ...env } });
  return { stdout: r.stdout.split(ROOT + "/").join(""), stderr: r.stderr.split(ROOT + "/").join(""), status: r.status };
}
