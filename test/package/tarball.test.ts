/**
 * The package as a user installs it: `npm pack`, install the tarball into a fresh strict
 * TypeScript project (skipLibCheck: false, no @types/node), import every entry, type-check under
 * nodenext, node16, bundler and node10 resolution, and run a kernel from the installed package.
 * The install is offline where npm's cache has the dependencies (it has after `npm ci`);
 * TypeScript is the repository's own, and ESLint (an optional peer, the user's own) is linked from
 * the repository's node_modules like a user's installed one.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { installApp, ok, pack, type Packed, repo, sh } from "./pack.js";

const dir = mkdtempSync(join(tmpdir(), "parfor-tarball-"));
const app = join(dir, "app");
let packed: Packed;

const tsc = (project: string) => sh(process.execPath, [join(app, "node_modules/typescript/bin/tsc"), "-p", project, "--listFiles"], app);

beforeAll(() => {
  packed = pack(dir);
  installApp(dir, app, packed, ["typescript"]);
  symlinkSync(join(repo, "node_modules/eslint"), join(app, "node_modules/eslint"), "dir");
  copyFileSync(join(repo, "test/package/app/app.ts"), join(app, "app.ts"));
  const strict = {
    strict: true,
    skipLibCheck: false,
    noUncheckedIndexedAccess: true,
    target: "es2022",
    lib: ["es2022"],
    types: [],
    outDir: "out",
  };
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { ...strict, module: "nodenext", moduleResolution: "nodenext" }, files: ["app.ts"] }),
  );
  for (const [name, module, moduleResolution, extra] of [
    ["node16", "node16", "node16", {}],
    ["bundler", "esnext", "bundler", {}],
    ["preserve", "preserve", "bundler", {}],
    // node10 cannot read "exports": subpaths resolve through typesVersions. A default import of
    // parfor/tsserver (CommonJS, `export =`) needs esModuleInterop there, as for any CJS module.
    ["node10", "esnext", "node10", { esModuleInterop: true }],
  ] as const) {
    writeFileSync(
      join(app, `tsconfig.${name}.json`),
      JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { module, moduleResolution, noEmit: true, ...extra } }),
    );
  }
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the packed tarball", () => {
  test("holds what users need and no benchmarks, tests or examples", () => {
    const files = packed.files.map((f) => f.path);
    for (const f of ["LICENSE", "README.md", "package.json", "dist/index.js", "dist/index.d.ts", "dist/cli/parfor.js", "dist/math/parfor-math.wasm"]) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => /^(dist\/)?(bench|test|examples)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as Record<string, unknown>;
    expect(pkg.repository).toBeTruthy();
    expect(pkg.homepage).toBeTruthy();
  });

  test("every relative link of the README names a file in the tarball", () => {
    const files = packed.files.map((f) => f.path);
    const links = [...readFileSync(join(repo, "README.md"), "utf8").matchAll(/\]\(([^)#\s]+)[^)]*\)/g)].map((m) => m[1]!);
    const relative = links.filter((l) => !/^[a-z]+:/.test(l));
    expect(relative.length).toBeGreaterThan(0);
    for (const l of relative) {
      const path = l.replace(/^\.\//, "");
      expect(files.some((f) => f === path || (path.endsWith("/") && f.startsWith(path))), l).toBe(true);
    }
  });

  test.each(["tsconfig.json", "tsconfig.node16.json", "tsconfig.bundler.json", "tsconfig.preserve.json", "tsconfig.node10.json"])(
    "every entry type-checks strictly with skipLibCheck: false (%s), without TypeScript's or Node's declarations",
    (project) => {
      const r = tsc(project);
      const lines = r.stdout.split("\n").filter(Boolean);
      expect(lines.filter((l) => !l.startsWith("/")), r.stdout).toEqual([]);
      expect(r.status).toBe(0);
      expect(lines.filter((l) => /node_modules\/typescript\/lib\/typescript\.d\.ts|@types\/node/.test(l))).toEqual([]);
      expect(lines.some((l) => l.includes("node_modules/parfor/dist/index.d.ts"))).toBe(true);
    },
  );

  test("the installed package runs a kernel; its bin answers --help", () => {
    if (!existsSync(join(app, "out/app.js"))) ok(tsc("tsconfig.json"));
    const out = JSON.parse(ok(sh(process.execPath, ["out/app.js"], app))) as Record<string, unknown>;
    expect(out).toMatchObject({ total: 499500, async: 499500, range: [0, 1, 2], doubled: [2, 4], plugins: 5, namespace: true, jit: true });
    expect(out.recommended).toBe("parfor/recommended");
    const help = ok(sh(process.execPath, ["node_modules/parfor/dist/cli/parfor.js", "--help"], app));
    expect(help).toContain("parfor build");
  });
});
