/**
 * `npm run stack`: starts backend/local/main.ts from a plain-JavaScript bundle, so Node
 * runs it without tsx. tsx's CLI starts a second Node process and then transpiles and
 * resolves every module through its loader hooks: ~0.6 s of a cold start whose target is
 * 1.5 s. The bundle (our TypeScript only; packages stay in node_modules) is built with the
 * esbuild that tsx itself runs on, into node_modules/.cache/watchium/, and rebuilt when
 * any file it was made from changed (the check is one stat per file, ~1 ms). A fresh
 * clone builds it on its first start (~0.3 s). If it cannot be built, the stack still
 * starts, through tsx, as before.
 *
 * Plain JavaScript on purpose: this file is what Node runs before anything can transpile.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ENTRY = fileURLToPath(new URL("./main.ts", import.meta.url));
const OUT_DIR = join(ROOT, "node_modules/.cache/watchium");
const BUNDLE = join(OUT_DIR, "stack.mjs");
const INPUTS = join(OUT_DIR, "stack.inputs.json");

/** [mtime, size] of a file, or null when it is gone. */
function signature(file) {
  try {
    const st = statSync(file);
    return [st.mtimeMs, st.size];
  } catch {
    return null;
  }
}

/** Whether the bundle exists and every file it was built from (and this one) is unchanged. */
function bundleIsFresh() {
  try {
    const inputs = JSON.parse(readFileSync(INPUTS, "utf8"));
    return Object.entries(inputs).every(([file, sig]) => {
      const now = signature(file);
      return now !== null && now[0] === sig[0] && now[1] === sig[1];
    }) && signature(BUNDLE) !== null;
  } catch {
    return false;
  }
}

/**
 * A bundled module's import.meta.url would be the bundle's; each file gets its own, so
 * code that finds files next to itself (migrate.ts: the migrations) works unchanged.
 */
const ownImportMetaUrl = {
  name: "own-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, "utf8").replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
      loader: "ts",
    }));
  },
};

async function buildBundle() {
  // esbuild is tsx's own dependency (pinned through tsx's version in the lockfile).
  const esbuild = createRequire(createRequire(import.meta.url).resolve("tsx/package.json"))("esbuild");
  mkdirSync(OUT_DIR, { recursive: true });
  // Written under a temporary name and renamed: two stacks starting at once never see half a file.
  const tmp = join(OUT_DIR, `stack.${process.pid}.mjs`);
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outfile: tmp,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked",
    metafile: true,
    logLevel: "silent",
    plugins: [ownImportMetaUrl],
  });
  const inputs = {};
  for (const file of [...Object.keys(result.metafile.inputs).map((f) => resolve(ROOT, f)), fileURLToPath(import.meta.url)]) {
    inputs[file] = signature(file);
  }
  renameSync(`${tmp}.map`, `${BUNDLE}.map`);
  writeFileSync(tmp, readFileSync(tmp, "utf8").replace(/sourceMappingURL=.*$/m, "sourceMappingURL=stack.mjs.map"));
  renameSync(tmp, BUNDLE);
  writeFileSync(INPUTS, JSON.stringify(inputs));
}

let entry = pathToFileURL(BUNDLE).href;
if (!bundleIsFresh()) {
  try {
    await buildBundle();
  } catch (err) {
    console.error(`Note: could not bundle the local stack (${err?.message ?? err}); starting it through tsx instead.`);
    const { register } = await import("tsx/esm/api");
    register();
    entry = pathToFileURL(ENTRY).href;
  }
}
// Stack traces of function errors point into the TypeScript sources, as under tsx.
process.setSourceMapsEnabled(true);
await import(entry);
