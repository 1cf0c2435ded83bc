import { expect, newStory, storyBody, test, waitUntilSaved } from './fixtures.ts';

test('search finds a story by a word in its body and highlights it', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await newStory(page, 'Port logistics');
  await storyBody(page).click();
  await page.keyboard.type('Freight volumes through the Guoyuan terminal doubled this year.');
  await waitUntilSaved(page);
  await page.goto(copydesk.origin + '/#/');
  await newStory(page, 'Tourism rebounds');
  await storyBody(page).click();
  await page.keyboard.type('Hotel bookings rose sharply.');
  await waitUntilSaved(page);

  await page.goto(copydesk.origin + '/#/');
  const search = page.getByRole('searchbox', { name: 'Search stories' });
  await search.fill('guoyuan');
  const match = page.getByRole('link', { name: /Port logistics/ });
  await expect(match).toBeVisible();
  await expect(page.getByRole('link', { name: /Tourism rebounds/ })).toHaveCount(0);
  await expect(page.locator('mark', { hasText: /Guoyuan/i })).toBeVisible();

  // Text that is query syntax to SQLite is just text to a reporter.
  for (const odd of ['"unbalanced', 'AND', '(((', '-', '*', 'NEAR(', 'col:x']) {
    await search.fill(odd);
    await expect(page.getByRole('alert')).toHaveCount(0);
  }
  await search.fill('');
  await expect(page.getByRole('link', { name: /Tourism rebounds/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Port logistics/ })).toBeVisible();
});

test('a story moves to the trash, comes back, and is deleted only after confirmation', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await newStory(page, 'Night market reopens');
  await storyBody(page).click();
  await page.keyboard.type('Stalls return to Jiefangbei.');
  await waitUntilSaved(page);
  await page.goto(copydesk.origin + '/#/');

  const row = page.getByRole('link', { name: /Night market reopens/ });
  await expect(row).toBeVisible();
  await row.hover();
  await page.getByRole('listitem').filter({ hasText: 'Night market reopens' }).getByRole('button', { name: 'Move to trash' }).click();
  await expect(page.getByRole('link', { name: /Night market reopens/ })).toHaveCount(0);

  await page.getByRole('link', { name: 'Trash' }).click();
  await expect(page.getByRole('heading', { name: 'Trash' })).toBeVisible();
  const trashed = page.getByRole('listitem').filter({ hasText: 'Night market reopens' });
  await expect(trashed).toBeVisible();
  await trashed.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Night market reopens' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Library' }).click();
  await expect(page.getByRole('link', { name: /Night market reopens/ })).toBeVisible();

  // Trash again, then empty the trash: cancelling keeps it, confirming deletes it.
  await page.getByRole('listitem').filter({ hasText: 'Night market reopens' }).getByRole('button', { name: 'Move to trash' }).click();
  await page.getByRole('link', { name: 'Trash' }).click();
  await page.getByRole('button', { name: 'Empty trash' }).click();
  const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
  await expect(dialog).toContainText('1 story');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Night market reopens' })).toBeVisible();
  await page.getByRole('button', { name: 'Empty trash' }).click();
  await page.getByRole('button', { name: 'Delete permanently' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Night market reopens' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Library' }).click();
  await expect(page.getByRole('link', { name: /Night market reopens/ })).toHaveCount(0);
});
