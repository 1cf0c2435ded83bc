import { join } from 'node:path';
import { expect, storyBody, test } from './fixtures.ts';

const fixture = (...parts: string[]) => join(process.cwd(), '..', 'shared', 'fixtures', ...parts);

test('importing the Chongqing web text: preview first, then one story with its anatomy', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a story' });
  await expect(dialog).toBeVisible();

  await dialog.getByLabel('Choose a file').setInputFiles(fixture('articles', 'chongqing-service-pilot.web.txt'));
  const preview = dialog.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText("Why Chongqing's Piloting in Western China's Service Industry?");
  await expect(preview).toContainText('By VIVIAN YAN');
  await expect(preview).toContainText('Chongqing, 2021-09-06');

  const found = preview.getByRole('list', { name: 'Structure found' });
  for (const sector of ['Health Care', 'Legal Protection', 'Science and Technology', 'Commerce, Culture, and Tourism']) {
    await expect(found).toContainText(`Sector heading: ${sector}`);
  }
  await expect(found).toContainText('Contributor note: Peng Qin (intern)');
  const dropped = preview.getByRole('list', { name: /^Dropped/ });
  await expect(dropped).toContainText('cookie notice');
  await expect(dropped).toContainText('licence number');
  await expect(dropped).toContainText('report hotline');

  await dialog.getByRole('button', { name: 'Create story' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/#\/story\//);

  await expect(page.getByRole('textbox', { name: 'Headline' })).toHaveValue("Why Chongqing's Piloting in Western China's Service Industry?");
  await expect(page.getByRole('group', { name: 'Byline' }).getByRole('combobox', { name: 'Contributor name' })).toHaveValue('Vivian Yan');
  await expect(page.getByRole('textbox', { name: 'Dateline place' })).toHaveValue('Chongqing');
  await expect(page.getByLabel('Dateline date')).toHaveValue('2021-09-06');
  const body = storyBody(page);
  await expect(body.locator('h2.sector-heading')).toHaveText(['Health Care', 'Legal Protection', 'Science and Technology', 'Commerce, Culture, and Tourism']);
  await expect(body).toContainText('598 million yuan');
  await expect(body).not.toContainText('Cookie Policy');
  await expect(body.locator('figure')).toHaveCount(2);
  await expect(body.getByRole('group', { name: 'Contributor note' })).toContainText('(Peng Qin, as an intern, also contributed to this report.)');
  const outline = page.getByRole('complementary', { name: 'Outline' });
  await expect(outline).toContainText('Legal Protection');

  // It survives a reload: it was stored, not just shown.
  await page.reload();
  await expect(storyBody(page).locator('h2.sector-heading')).toHaveCount(4);

  await page.getByRole('link', { name: 'Library', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Stories' }).getByRole('listitem')).toHaveCount(1);
});

test('a file that cannot be imported shows an alert and creates nothing', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a story' });
  const choose = dialog.getByLabel('Choose a file');

  await choose.setInputFiles({ name: 'draft.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('just some text, not Word') });
  await expect(dialog.getByRole('alert')).toContainText('“draft.docx” is not a Word document (.docx)');
  await expect(dialog.getByRole('button', { name: 'Create story' })).toBeDisabled();

  await choose.setInputFiles({ name: 'story.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ uri: 42, headlines: [{ role: 'main' }] })) });
  await expect(dialog.getByRole('alert')).toContainText('not valid IPTC ninjs 3.1');
  await expect(dialog.getByRole('alert')).toContainText('/uri must be string');

  await choose.setInputFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
  await expect(dialog.getByRole('alert')).toContainText('“empty.txt” is empty');

  await choose.setInputFiles({ name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(21 * 1024 * 1024, 'a') });
  await expect(dialog.getByRole('alert')).toContainText('“huge.txt” is 21 MB; Copydesk imports files up to 20 MB.');

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('No stories yet')).toBeVisible();
});

test("a Word draft imports with its picture stored, caption and credit apart", async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a story' });
  await dialog.getByLabel('Choose a file').setInputFiles(fixture('docx', 'reporter-draft.docx'));
  const found = dialog.getByRole('list', { name: 'Structure found' });
  await expect(found).toContainText('Figure: “Chongqing at night.” — credit iChongqing/ Vivian Yan');
  await expect(found).toContainText('Bulleted list: 3 items');
  await dialog.getByRole('button', { name: 'Create story' }).click();
  await expect(page).toHaveURL(/#\/story\//);

  const body = storyBody(page);
  await expect(body.locator('h2.sector-heading')).toHaveText(['Data', 'Health Care', 'Commerce, Culture, and Tourism']);
  await expect(body.locator('ul').filter({ hasText: 'internet hospitals' }).locator('li')).toHaveText(['internet hospitals', 'data sharing', 'insurance coverage']);
  // The picture from the Word file is in the media store and shows in its figure.
  const image = body.locator('figure img').first();
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(body.getByRole('textbox', { name: 'Credit' })).toHaveValue('iChongqing/ Vivian Yan');
});
