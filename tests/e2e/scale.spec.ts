import { startCopydesk, freshDataDir } from '../support/webServer.ts';
import { seedStories } from '../support/seed.ts';
import { expect, test } from './fixtures.ts';

test('the library of 100,000 stories renders only what is on screen and reaches the oldest', async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = freshDataDir('copydesk-scale');
  seedStories(dataDir, 100_000);
  const copydesk = await startCopydesk({ dataDir });
  try {
    await page.goto(copydesk.url);
    await expect(page.getByRole('link', { name: /Seeded story 100000\b/ })).toBeVisible();
    await expect(page.getByText(/100,000 stories/)).toBeVisible();
    // Virtualized: a few dozen rows in the DOM, not 100,000.
    expect(await page.getByRole('link', { name: /Seeded story/ }).count()).toBeLessThan(150);

    // Jump to the end of the list: the oldest story is fetched and shown.
    await page.getByRole('link', { name: /Seeded story 100000\b/ }).focus();
    await page.keyboard.press('End');
    await expect(page.getByRole('link', { name: /Seeded story 1\b/ })).toBeVisible({ timeout: 20_000 });
    expect(await page.getByRole('link', { name: /Seeded story/ }).count()).toBeLessThan(150);
  } finally {
    await copydesk.stop();
  }
});
