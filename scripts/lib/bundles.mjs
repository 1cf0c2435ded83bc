// esbuild settings for the three Electron bundles. Shared by
// scripts/build-electron.mjs and the backend-worker tests.
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Chromium and Node versions of Electron 45, the runtime the bundles target. */
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome140';

// CommonJS has no import.meta; code shared with the ESM tree (main/store/db.ts,
// main/electron/main.ts) reads import.meta.url, so each CJS bundle defines it
// from __filename. It then points at the bundle itself, e.g. out/electron/.
const importMetaShim = {
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__importMetaUrl' },
};

const common = {
  bundle: true,
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

/**
 * The bundles, relative to the repository root.
 * @param {string} root repository root
 * @param {string} outDir output folder (out/electron)
 */
export function bundleConfigs(root, outDir) {
  return [
    {
      ...common,
      ...importMetaShim,
      entryPoints: [join(root, 'main/electron/main.ts')],
      outfile: join(outDir, 'main.cjs'),
      platform: 'node',
      target: NODE_TARGET,
      external: ['electron', 'better-sqlite3'],
    },
    {
      // The preload runs in a sandboxed renderer: only 'electron' may be
      // required at run time, so everything else is bundled and a Node
      // built-in import fails the build (platform: browser).
      ...common,
      entryPoints: [join(root, 'main/electron/preload.ts')],
      outfile: join(outDir, 'preload.cjs'),
      platform: 'browser',
      target: CHROME_TARGET,
      external: ['electron'],
    },
    {
      ...common,
      ...importMetaShim,
      entryPoints: [join(root, 'main/electron/backendWorker.ts')],
      outfile: join(outDir, 'backendWorker.cjs'),
      platform: 'node',
      target: NODE_TARGET,
      // Native modules: loaded from node_modules (or through nativeBinding), never bundled.
      // sharp is N-API, so its prebuilt binary serves Node and Electron alike.
      external: ['better-sqlite3', 'sharp', 'electron'],
    },
  ];
}

/**
 * Builds out/electron: main.cjs, preload.cjs, backendWorker.cjs and a copy of
 * the SQL migrations, which the worker reads from beside itself.
 * @param {{ root: string, outDir: string, only?: Array<'main' | 'preload' | 'backendWorker'> }} options
 */
export async function buildElectronBundles({ root, outDir, only }) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const configs = bundleConfigs(root, outDir).filter(
    (config) => !only || only.some((name) => config.outfile.endsWith(`${name}.cjs`)),
  );
  const results = await Promise.all(configs.map((config) => build(config)));
  cpSync(join(root, 'main/store/migrations'), join(outDir, 'migrations'), { recursive: true });
  return { warnings: results.flatMap((result) => result.warnings), outputs: configs.map((config) => config.outfile) };
}

/** The electron package's version, from node_modules. */
export function electronVersion(root) {
  return JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
}
