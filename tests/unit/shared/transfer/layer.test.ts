import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** shared/transfer/ is pure like the rest of shared/ and reads no DOM, Word or sanitizer library itself. */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('shared/transfer layer', () => {
  it.each([
    "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;",
    "import DOMPurify from 'dompurify';\nexport const x = DOMPurify;",
    "import { JSDOM } from 'jsdom';\nexport const x = JSDOM;",
    "import mammoth from 'mammoth';\nexport const x = mammoth;",
    "import { createApi } from '../../renderer/api/client.ts';\nexport const x = createApi;",
    "import { createBackend } from '../../main/backend/backend.ts';\nexport const x = createBackend;",
  ])('refuses %s', async (code) => {
    expect(await restrictedImports('shared/transfer/bad.ts', code)).toHaveLength(1);
  });

  it('allows the model, zod and ajv', async () => {
    const code = "import { z } from 'zod';\nimport { Ajv2020 } from 'ajv/dist/2020.js';\nimport { DEFAULT_SECTORS } from '../model/anatomy.ts';\nexport const x = [z, Ajv2020, DEFAULT_SECTORS];";
    expect(await restrictedImports('shared/transfer/ok.ts', code)).toEqual([]);
  });
});
