#!/usr/bin/env node
// Bundles the Electron shell into out/electron/ (run by `npm run build` after
// `vite build`). No Electron binary is needed: electron stays external.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectronBundles } from './lib/bundles.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../out/electron/', import.meta.url));

try {
  const started = Date.now();
  const { outputs } = await buildElectronBundles({ root, outDir });
  const names = outputs.map((file) => relative(root, file)).join(', ');
  console.log(`Built ${names} and out/electron/migrations/ in ${Date.now() - started} ms`);
} catch (error) {
  // esbuild has already printed the located errors.
  console.error(`Copydesk: the Electron bundles could not be built: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
  process.exit(1);
}
