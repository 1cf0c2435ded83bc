import { expect, newStory, storyBody, test, waitUntilSaved } from './fixtures.ts';

test('History: checkpoints on Ctrl+S, a read-only version, restore keeps the text it replaced', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await newStory(page, 'River levels');
  const body = storyBody(page);
  await body.click();
  await page.keyboard.type('The river rose two metres overnight.');
  await page.keyboard.press('ControlOrMeta+s');
  await waitUntilSaved(page);

  // Wait for the first checkpoint before the second, so their order is certain.
  await page.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('complementary', { name: 'History' });
  const checkpoints = history.getByRole('list', { name: 'Checkpoints, newest first' }).getByRole('listitem');
  await expect(checkpoints).toHaveCount(1);

  await body.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' Officials closed the bridge.');
  await page.keyboard.press('ControlOrMeta+s');
  await waitUntilSaved(page);
  await expect(checkpoints).toHaveCount(2);
  await expect(checkpoints.nth(0)).toContainText('Saved');
  await expect(checkpoints.nth(0)).toContainText('latest');
  await expect(checkpoints.nth(1)).toContainText('Saved');

  // Autosave alone adds no checkpoint.
  await body.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' A third sentence, autosaved only.');
  await waitUntilSaved(page);
  await expect(checkpoints).toHaveCount(2);

  // Open the first (oldest) checkpoint read-only.
  await checkpoints.nth(1).getByRole('button').click();
  const reader = history.getByRole('region', { name: /^Revision of .+ — read only$/ });
  await expect(reader).toBeVisible();
  await expect(reader.getByText(/^Revision of .+ — read only$/)).toBeVisible();
  const oldBody = reader.getByRole('textbox', { name: 'Story body (read only)' });
  await expect(oldBody).toHaveText('The river rose two metres overnight.');
  await expect(oldBody).toHaveAttribute('contenteditable', 'false');
  await expect(reader.getByRole('heading', { name: 'River levels' })).toBeVisible();

  // Restore it, after confirming.
  await reader.getByRole('button', { name: 'Restore this version' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Restore this version?' });
  await expect(dialog).toContainText('The current text is kept in history.');
  await dialog.getByRole('button', { name: 'Restore' }).click();
  await expect(dialog).toBeHidden();

  // The editor shows the old text; nothing of the replaced text is lost.
  await expect(body).toHaveText('The river rose two metres overnight.');
  await expect(reader).toBeHidden();
  await expect(checkpoints).toHaveCount(4);
  await expect(checkpoints.nth(0)).toContainText('Restore');
  await expect(checkpoints.nth(0)).toContainText(/Restored the version of/);
  await expect(checkpoints.nth(1)).toContainText('Restore');
  await expect(checkpoints.nth(1)).toContainText(/Before restoring the version of/);

  // The pre-restore checkpoint holds the text that was replaced, autosaved sentence included.
  await checkpoints.nth(1).getByRole('button').click();
  await expect(history.getByRole('textbox', { name: 'Story body (read only)' })).toHaveText(
    'The river rose two metres overnight. Officials closed the bridge. A third sentence, autosaved only.',
  );
  await history.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(history.getByRole('region')).toHaveCount(0);

  // The restored text is what is stored: it survives a reload.
  await page.reload();
  await expect(storyBody(page)).toHaveText('The river rose two metres overnight.');
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('complementary', { name: 'History' }).getByRole('listitem')).toHaveCount(4);
});
