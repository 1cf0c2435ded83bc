import { test as base, expect, type Page } from '@playwright/test';
import { startCopydesk, type RunningCopydesk } from '../support/webServer.ts';

/**
 * Every test gets its own Copydesk (browser mode) with an empty data dir, so
 * tests never see each other's stories.
 */
export const test = base.extend<{ copydesk: RunningCopydesk }>({
  // Playwright reads fixture dependencies from the destructuring pattern; this fixture has none.
  // eslint-disable-next-line no-empty-pattern
  copydesk: async ({}, use) => {
    const copydesk = await startCopydesk();
    await use(copydesk);
    await copydesk.stop();
  },
});

export { expect };

/** The story body editor (a Lexical contenteditable). */
export const storyBody = (page: Page) => page.getByRole('textbox', { name: 'Story body' });

/** The editor's status line: save state, word count and reading time. */
export const editorStatus = (page: Page) => page.getByRole('status').filter({ hasText: /words?/ });

export async function newStory(page: Page, headline: string): Promise<void> {
  await page.getByRole('button', { name: 'New story' }).first().click();
  const headlineBox = page.getByRole('textbox', { name: 'Headline' });
  await expect(headlineBox).toBeVisible();
  await headlineBox.fill(headline);
}

export async function waitUntilSaved(page: Page): Promise<void> {
  await expect(editorStatus(page)).toContainText(/Saved \d{2}:\d{2}/);
}
