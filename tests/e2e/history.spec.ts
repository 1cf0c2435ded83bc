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

/**
 * How a comparison names a checkpoint listed at `time` ("Nov 26, 2026, 7:01 AM"): kind, author, time —
 * with the seconds when two checkpoints of the same minute are compared.
 */
function labelled(time: string): RegExp {
  const pattern = time.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/(\d{1,2}:\d{2})/, '$1(:\\d{2})?');
  return new RegExp(`^Saved · Test Admin · ${pattern}$`);
}

test('History: any two checkpoints compare, older on the left; one compares with the current version', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await newStory(page, 'Harbour strike');
  const body = storyBody(page);
  await page.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('complementary', { name: 'History' });
  const checkpoints = history.getByRole('list', { name: 'Checkpoints, newest first' }).getByRole('listitem');

  // Three checkpoints, each adding a sentence.
  const sentences = ['Dockers walked out at dawn.', ' Ships queued offshore.', ' The port authority called talks.'];
  for (const [index, sentence] of sentences.entries()) {
    await body.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(sentence);
    await page.keyboard.press('ControlOrMeta+s');
    await waitUntilSaved(page);
    await expect(checkpoints).toHaveCount(index + 1);
  }

  const bar = history.getByRole('group', { name: 'Compare two checkpoints' });
  const compareSelected = bar.getByRole('button', { name: 'Compare selected', exact: true });
  await expect(bar).toContainText('Select two checkpoints to compare them.');
  await expect(compareSelected).toHaveAttribute('aria-disabled', 'true');

  // By keyboard: the newest checkpoint's box, then the oldest's; the third rests while two are selected.
  const boxes = history.getByRole('checkbox', { name: /^Select for comparison: Saved, / });
  await expect(boxes).toHaveCount(3);
  await boxes.nth(0).focus();
  await page.keyboard.press('Space');
  await expect(boxes.nth(0)).toBeChecked();
  await expect(bar).toContainText('1 selected. Select one more to compare the two.');
  await boxes.nth(2).focus();
  await page.keyboard.press('Space');
  await expect(bar).toContainText('2 selected. The older one shows on the left.');
  await expect(boxes.nth(1)).toBeDisabled();
  await expect(compareSelected).toHaveAttribute('aria-disabled', 'false');

  await compareSelected.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Compare versions' });
  await expect(dialog).toBeVisible();
  // Each side named by kind, author and time, the older first.
  const [newest, oldest] = [await checkpoints.nth(0).locator('time').innerText(), await checkpoints.nth(2).locator('time').innerText()];
  await expect(dialog.locator('.compare__version--before')).toHaveText(labelled(oldest));
  await expect(dialog.locator('.compare__version--after')).toHaveText(labelled(newest));
  // Older on the left: the two later sentences are what was added, nothing was deleted.
  await expect(dialog.locator('ins').filter({ hasText: 'Ships queued offshore.' })).not.toHaveCount(0);
  await expect(dialog.locator('ins').filter({ hasText: 'The port authority called talks.' })).not.toHaveCount(0);
  await expect(dialog.locator('del')).toHaveCount(0);

  // Escape closes it and gives focus back to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(compareSelected).toBeFocused();
  await bar.getByRole('button', { name: 'Clear selection' }).click();
  for (const index of [0, 1, 2]) await expect(boxes.nth(index)).not.toBeChecked();
  await expect(compareSelected).toHaveAttribute('aria-disabled', 'true');

  // The basic flow: open a checkpoint, "Compare" compares it with the current version (unsaved typing included).
  await body.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' Talks begin on Monday.');
  await checkpoints.nth(1).getByRole('button').click();
  await history.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(dialog).toBeVisible();
  const middle = await checkpoints.nth(1).locator('time').innerText();
  await expect(dialog.locator('.compare__version--before')).toHaveText(labelled(middle));
  await expect(dialog.locator('.compare__version--after')).toHaveText('Current version');
  await expect(dialog.locator('ins').filter({ hasText: 'Talks begin on Monday.' })).not.toHaveCount(0);
  await expect(dialog.locator('del')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close compare' }).click();
  await expect(dialog).toBeHidden();
});
