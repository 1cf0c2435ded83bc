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

test('dateline and a byline of two people: one added to the directory, one picked by autocomplete', async ({ page, copydesk }) => {
  await call(page, copydesk, 'people.create', { name: 'Peng Qin' });
  await page.goto(copydesk.url);
  await newStory(page, "Why Chongqing's Piloting in Western China's Service Industry?");

  const dateline = page.getByRole('group', { name: 'Dateline' });
  await dateline.getByRole('textbox', { name: 'Dateline place' }).fill('Chongqing');
  await dateline.getByLabel('Dateline date').fill('2021-09-06');

  const byline = page.getByRole('group', { name: 'Byline' });
  await expect(byline.getByText('No byline')).toBeVisible();

  // A new name: offered for adding to the directory.
  await byline.getByRole('button', { name: 'Add contributor' }).click();
  const first = byline.getByRole('combobox', { name: 'Contributor name' }).nth(0);
  await expect(first).toBeFocused();
  await first.fill('Vivian Yan');
  await page.getByRole('option', { name: 'Add “Vivian Yan” to the directory' }).click();
  await expect(first).toHaveValue('Vivian Yan');
  await expect(byline.getByText('By VIVIAN YAN', { exact: true })).toBeVisible();

  // A known name: found from a few letters in another case, picked with the keyboard.
  await byline.getByRole('button', { name: 'Add contributor' }).click();
  const second = byline.getByRole('combobox', { name: 'Contributor name' }).nth(1);
  await second.fill('pen');
  await expect(page.getByRole('option', { name: 'Peng Qin' })).toBeVisible();
  await expect(second).toHaveAttribute('aria-expanded', 'true');
  await second.press('ArrowDown');
  await second.press('Enter');
  await expect(second).toHaveValue('Peng Qin');
  await expect(byline.getByText('By VIVIAN YAN and PENG QIN', { exact: true })).toBeVisible();

  // A third contributor in another role, then removed again.
  await byline.getByRole('button', { name: 'Add contributor' }).click();
  await byline.getByRole('combobox', { name: 'Contributor name' }).nth(2).fill('Li Wei');
  await byline.getByRole('combobox', { name: 'Contributor role' }).nth(2).selectOption('photographer');
  await expect(byline.getByText('By VIVIAN YAN and PENG QIN · Photos by LI WEI')).toBeVisible();
  await byline.getByRole('button', { name: 'Remove contributor' }).nth(2).click();
  await expect(byline.getByText('By VIVIAN YAN and PENG QIN', { exact: true })).toBeVisible();

  await storyBody(page).click();
  await page.keyboard.type('Chongqing is one of the pilot cities.');
  await waitUntilSaved(page);

  // Vivian Yan is now in the directory too.
  const people = (await call(page, copydesk, 'people.list', { query: 'viv' })) as { items: Array<{ name: string }> };
  expect(people.items.map((p) => p.name)).toEqual(['Vivian Yan']);

  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Dateline place' })).toHaveValue('Chongqing');
  await expect(page.getByLabel('Dateline date')).toHaveValue('2021-09-06');
  const names = page.getByRole('combobox', { name: 'Contributor name' });
  await expect(names).toHaveCount(2);
  await expect(names.nth(0)).toHaveValue('Vivian Yan');
  await expect(names.nth(1)).toHaveValue('Peng Qin');
  await expect(page.getByRole('combobox', { name: 'Contributor role' }).nth(1)).toHaveValue('author');
  await expect(page.getByText('By VIVIAN YAN and PENG QIN', { exact: true })).toBeVisible();
});

test('the byline preview follows the publication byline format set in Settings', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  const format = page.getByRole('group', { name: 'Byline format' });
  await format.getByRole('textbox', { name: 'Byline prefix' }).fill('Story by');
  await format.getByRole('checkbox', { name: 'Names in capitals' }).uncheck();
  await expect(page.getByText('Story by Vivian Yan and Peng Qin')).toBeVisible();

  await newStory(page, 'Format check');
  const byline = page.getByRole('group', { name: 'Byline' });
  await byline.getByRole('button', { name: 'Add contributor' }).click();
  await byline.getByRole('combobox', { name: 'Contributor name' }).fill('Vivian Yan');
  await expect(byline.getByText('Story by Vivian Yan', { exact: true })).toBeVisible();
});

test('renaming a sector in Settings changes its label in the library, and the library filters by sector', async ({ page, copydesk }) => {
  const heading = (sectorId: string) => ({ type: 'sector-heading', version: 1, sectorId });
  const paragraph = (text: string) => ({
    type: 'paragraph', version: 1, direction: 'ltr', format: '', indent: 0, textFormat: 0, textStyle: '',
    children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
  });
  const body = (...children: unknown[]) => ({ root: { type: 'root', version: 1, direction: 'ltr', format: '', indent: 0, children } });
  for (const [headline, sectors] of [
    ['Hospitals expand', ['health-care']],
    ['Courts and clinics', ['legal-protection', 'health-care']],
    ['Weather', []],
  ] as const) {
    const story = (await call(page, copydesk, 'stories.create', { headline })) as { id: string };
    await call(page, copydesk, 'stories.save', {
      id: story.id, headline, standfirst: '', body: body(...sectors.flatMap((s) => [heading(s), paragraph(`About ${s}`)]), paragraph('End')),
    });
  }

  await page.goto(copydesk.url);
  const stories = page.getByRole('list', { name: 'Stories' });
  await expect(stories.getByRole('listitem')).toHaveCount(3);
  await expect(stories.getByRole('listitem').filter({ hasText: 'Courts and clinics' })).toContainText('Legal Protection, Health Care');

  await page.getByRole('combobox', { name: 'Filter by sector' }).selectOption({ label: 'Health Care' });
  await expect(stories.getByRole('listitem')).toHaveCount(2);
  await expect(stories).not.toContainText('Weather');
  await page.getByRole('combobox', { name: 'Filter by sector' }).selectOption({ label: 'Finance' });
  await expect(page.getByText('No stories have a “Finance” section.')).toBeVisible();
  await page.getByRole('button', { name: 'Show all sectors' }).click();
  await expect(stories.getByRole('listitem')).toHaveCount(3);

  // Rename Health Care.
  await page.getByRole('link', { name: 'Settings' }).click();
  const sectors = page.getByRole('region', { name: 'Sectors' });
  const row = sectors.getByRole('row').filter({ hasText: 'health-care' });
  await expect(row.getByRole('cell').nth(3)).toHaveText('2 stories');
  const label = row.getByRole('textbox', { name: 'Sector label' });
  await label.fill('Health');
  await label.press('Enter');
  // A used sector can be retired but not removed.
  await expect(row.getByRole('button', { name: 'Remove sector' })).toHaveCount(0);
  await expect(sectors.getByRole('row').filter({ hasText: 'finance' }).getByRole('button', { name: 'Remove sector' })).toBeVisible();

  // A new sector, and a bad URI refused with a message while the typed text stays.
  await sectors.getByRole('textbox', { name: 'New sector name' }).fill('Energy');
  await sectors.getByRole('button', { name: 'Add sector' }).click();
  const energy = sectors.getByRole('row').filter({ hasText: 'energy' });
  await expect(energy.getByRole('textbox', { name: 'Sector label' })).toHaveValue('Energy');
  const uri = energy.getByRole('textbox', { name: 'IPTC Media Topic URI' });
  await uri.fill('javascript:alert(1)');
  await uri.press('Enter');
  await expect(sectors.getByRole('alert')).toContainText('http or https');
  await expect(uri).toHaveValue('javascript:alert(1)');
  await uri.fill('http://cv.iptc.org/newscodes/mediatopic/20000249');
  await uri.press('Enter');
  await expect(sectors.getByRole('alert')).toHaveCount(0);

  await page.getByRole('link', { name: 'Library' }).click();
  await expect(stories.getByRole('listitem').filter({ hasText: 'Courts and clinics' })).toContainText('Legal Protection, Health');
  await expect(stories.getByRole('listitem').filter({ hasText: 'Hospitals expand' })).toContainText('Health');
  await expect(page.getByRole('combobox', { name: 'Filter by sector' }).getByRole('option', { name: 'Health', exact: true })).toHaveCount(1);

  // Retire it: the stories keep their sector, the filter still offers it under "Retired".
  await page.getByRole('link', { name: 'Settings' }).click();
  await sectors.getByRole('row').filter({ hasText: 'health-care' }).getByRole('button', { name: 'Retire' }).click();
  await expect(sectors.getByRole('row').filter({ hasText: 'health-care' }).getByRole('button', { name: 'Restore sector' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('region', { name: 'Sectors' }).getByRole('row').filter({ hasText: 'health-care' }).getByRole('textbox', { name: 'Sector label' })).toHaveValue('Health');
  await page.getByRole('link', { name: 'Library' }).click();
  await page.getByRole('combobox', { name: 'Filter by sector' }).selectOption({ label: 'Health' });
  await expect(stories.getByRole('listitem')).toHaveCount(2);
});
