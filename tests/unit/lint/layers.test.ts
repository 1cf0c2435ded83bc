import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rule of DESIGN.md §2 is enforced by `npm run lint`. These
 * cases lint small snippets as if they sat in each layer and check that the
 * crossings are reported and the allowed imports are not.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rule', () => {
  it.each([
    ['renderer/views/Bad.tsx', "import { openStore } from '../../main/store/db.ts';\nexport const x = openStore;"],
    ['renderer/lib/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;"],
    ['renderer/lib/bad.ts', "import { readFileSync } from 'fs';\nexport const x = readFileSync;"],
    ['renderer/lib/bad.ts', "import Database from 'better-sqlite3';\nexport const x = Database;"],
    ['renderer/lib/bad.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;"],
    ['main/backend/bad.ts', "import { createApi } from '../../renderer/api/client.ts';\nexport const x = createApi;"],
    ['main/backend/bad.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['main/store/bad.ts', "import { BrowserWindow } from 'electron';\nexport const x = BrowserWindow;"],
    ['main/electron/bad.ts', "import { App } from '../../renderer/App.tsx';\nexport const x = App;"],
    ['shared/model/bad.ts', "import { join } from 'node:path';\nexport const x = join;"],
    ['shared/model/bad.ts', "import Database from 'better-sqlite3';\nexport const x = Database;"],
    ['shared/api/bad.ts', "import { createBackend } from '../../main/backend/backend.ts';\nexport const x = createBackend;"],
    ['shared/api/bad.ts', "import { createApi } from '../../renderer/api/client.ts';\nexport const x = createApi;"],
  ])('reports a forbidden import in %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toHaveLength(1);
  });

  it.each([
    ['renderer/lib/ok.ts', "import { contract } from '../../shared/api/contract.ts';\nexport const x = contract;"],
    ['main/backend/ok.ts', "import { contract } from '../../shared/api/contract.ts';\nimport { join } from 'node:path';\nexport const x = [contract, join];"],
    ['main/electron/ok.ts', "import { app } from 'electron';\nimport { createBackend } from '../backend/backend.ts';\nexport const x = [app, createBackend];"],
    ['shared/api/ok.ts', "import { z } from 'zod';\nimport { LIMITS } from '../model/story.ts';\nexport const x = [z, LIMITS];"],
  ])('allows the imports its layer may make in %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([]);
  });
});
