import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { RunningCopydesk } from '../support/webServer.ts';
import { expect, newStory, storyBody, test, waitUntilSaved } from './fixtures.ts';

/** Calls the backend over browser mode's HTTP API, as the renderer does. */
async function call(page: Page, copydesk: RunningCopydesk, name: string, input: unknown): Promise<unknown> {
  const response = await page.request.post(`${copydesk.origin}/api/${name}`, {
    headers: { authorization: `Bearer ${copydesk.token}`, 'content-type': 'application/json' },
    data: input,
  });
  const reply = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!reply.ok) throw new Error(`${name}: ${reply.error?.message}`);
  return reply.value;
}

test('a story is exported as Markdown and downloaded', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await newStory(page, 'Chongqing pilots service industry opening');
  await storyBody(page).click();
  await page.keyboard.type('Chongqing was chosen as a pilot city.');
  await waitUntilSaved(page);

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export story' });
  await expect(dialog).toBeVisible();
  for (const label of ['IPTC ninjs (JSON)', 'HTML', 'Markdown', 'Word (DOCX)']) {
    await expect(dialog.getByRole('button', { name: label, exact: true })).toBeVisible();
  }

  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Markdown', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('chongqing-pilots-service-industry-opening.md');
  const content = await readFile((await download.path())!, 'utf8');
  expect(content.startsWith('# Chongqing pilots service industry opening\n')).toBe(true);
  expect(content).toContain('Chongqing was chosen as a pilot city.');

  await expect(dialog).toBeHidden();
  await expect(page.getByText('Exported “chongqing-pilots-service-industry-opening.md”.')).toBeVisible();
});

test('unsaved typing is in the export, and a Word file downloads too', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await newStory(page, 'Typed just now');
  await storyBody(page).click();
  await page.keyboard.type('Last words before export.');
  // No wait for "Saved": exporting saves first.
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export story' });

  let downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'HTML', exact: true }).click();
  let download = await downloading;
  const html = await readFile((await download.path())!, 'utf8');
  expect(html).toContain('<h1>Typed just now</h1>');
  expect(html).toContain('Last words before export.');

  await page.getByRole('button', { name: 'Export…' }).click();
  downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Word (DOCX)', exact: true }).click();
  download = await downloading;
  expect(download.suggestedFilename()).toBe('typed-just-now.docx');
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
});

test('an export that fails says why in the dialog and keeps it open', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await newStory(page, 'Doomed export');
  await waitUntilSaved(page);
  // The story is deleted for good elsewhere (trash, then empty trash) while it is open here.
  const id = /#\/story\/([0-9A-Z]{26})/.exec(page.url())![1]!;
  await call(page, copydesk, 'stories.trash', { id });
  await call(page, copydesk, 'stories.emptyTrash', {});

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export story' });
  await dialog.getByRole('button', { name: 'IPTC ninjs (JSON)', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('The story was not exported. That story no longer exists, so it could not be exported.');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export…' })).toBeFocused();
});
