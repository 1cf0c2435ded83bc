import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, newStory, storyBody, test, waitUntilSaved } from './fixtures.ts';

/**
 * The acceptance scenario of "story anatomy": the iChongqing service-pilot
 * story rebuilt through the UI — header, sector sections, a figure and a
 * contributor note — reordered, reloaded, and checked whole.
 */

const FIXTURES = join(process.cwd(), '..', 'shared', 'fixtures');
const image = (name: string) => join(FIXTURES, 'images', name);
const HEADLINE = "Why Chongqing's Piloting in Western China's Service Industry?";

// The published story's own text: its opening paragraph and the first paragraph under each sector heading.
// The web copy has no-break spaces here and there ("Health\u00a0Care"); a reporter types plain ones.
const article = readFileSync(join(FIXTURES, 'articles', 'chongqing-service-pilot.web.txt'), 'utf8')
  .split('\n')
  .map((line) => line.replace(/\s+/g, ' ').trim());
function paragraphAfter(heading: string): string {
  const text = article.slice(article.indexOf(heading) + 1).find((line) => line !== '');
  if (article.indexOf(heading) < 0 || text === undefined) throw new Error(`No “${heading}” paragraph in the fixture`);
  return text;
}
const OPENING = article.find((line) => line.startsWith('Chongqing- Why Chongqing'))!;
const SECTIONS = ['Health Care', 'Legal Protection', 'Science and Technology'] as const;
const TEXT = Object.fromEntries(SECTIONS.map((sector) => [sector, paragraphAfter(sector)])) as Record<(typeof SECTIONS)[number], string>;
const NOTE = '(Peng Qin, as an intern, also contributed to this report.)';

const outline = (page: Page) => page.getByRole('complementary', { name: 'Outline' });
const figures = (page: Page) => page.getByRole('figure', { name: 'Figure' });

/** Section labels in the outline, in order (each button's name is "Label, N words"). */
async function outlineLabels(page: Page): Promise<string[]> {
  const names = await outline(page)
    .getByRole('button', { name: /words?$/ })
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
  return names.map((name) => name.replace(/, [\d,]+ words?$/, ''));
}

/**
 * The body's top-level blocks in order, as a reader would list them: paragraph
 * text, "§ Sector" for a sector heading, "[figure]", "[note] sentence".
 * Empty paragraphs (the one the caret waits in) are left out.
 */
function bodyBlocks(page: Page): Promise<string[]> {
  return storyBody(page).evaluate((root) =>
    [...root.children].flatMap((block) => {
      const heading = block.querySelector('h2.sector-heading .sector-heading__label');
      if (heading) return [`§ ${heading.textContent ?? ''}`];
      if (block.querySelector('figure')) return ['[figure]'];
      const note = block.querySelector('.contributor-note__sentence');
      if (note) return [`[note] ${note.textContent ?? ''}`];
      const text = block.textContent ?? '';
      return text === '' ? [] : [text];
    }),
  );
}

async function insertSection(page: Page, label: string, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Sector heading' }).click();
  const picker = page.getByRole('listbox', { name: 'Choose a sector' });
  await picker.getByRole('option', { name: label, exact: true }).click();
  await expect(picker).toBeHidden();
  // The caret waits in the paragraph after the new heading.
  await page.keyboard.type(text);
  await expect(storyBody(page).locator(':scope > p.body-p', { hasText: text })).toBeVisible();
  await page.keyboard.press('Enter');
}

/** Chooses a file through the toolbar's "Insert image" button and the system file picker. */
async function insertImage(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Insert image' }).click();
  await (await chooser).setFiles(file);
}

test('the Chongqing story: built through the UI, a section moved, everything kept across a reload; bad pictures refused', async ({ page, copydesk }) => {
  // Typing a whole story by keystroke takes a while on a 2-core machine.
  test.slow();
  await page.goto(copydesk.url);
  await newStory(page, HEADLINE);

  // Dateline and byline.
  const dateline = page.getByRole('group', { name: 'Dateline' });
  await dateline.getByRole('textbox', { name: 'Dateline place' }).fill('Chongqing');
  await dateline.getByLabel('Dateline date').fill('2021-09-06');
  const byline = page.getByRole('group', { name: 'Byline' });
  await byline.getByRole('button', { name: 'Add contributor' }).click();
  const author = byline.getByRole('combobox', { name: 'Contributor name' });
  await author.fill('Vivian Yan');
  await page.getByRole('option', { name: 'Add “Vivian Yan” to the directory' }).click();
  await expect(author).toHaveValue('Vivian Yan');
  await expect(byline.getByRole('combobox', { name: 'Contributor role' })).toHaveValue('author');
  await expect(byline.getByText('By VIVIAN YAN', { exact: true })).toBeVisible();

  // Opening paragraph, then three sector sections.
  await storyBody(page).click();
  await page.keyboard.type(OPENING);
  await page.keyboard.press('Enter');
  for (const sector of SECTIONS) await insertSection(page, sector, TEXT[sector]);

  // A figure at the caret, captioned and credited from the photo's embedded metadata.
  await insertImage(page, image('chongqing-night-iptc.jpg'));
  await expect(figures(page)).toHaveCount(1);
  await expect(figures(page).getByRole('textbox', { name: 'Caption' })).toHaveText('A picture of Chongqing at night.');
  await expect(figures(page).getByRole('textbox', { name: 'Credit' })).toHaveValue('iChongqing');

  // A contributor note in the paragraph after the figure.
  await storyBody(page).locator(':scope > p.body-p').last().click();
  await page.getByRole('button', { name: 'Contributor note' }).click();
  const note = page.getByRole('group', { name: 'Contributor note' });
  await note.getByRole('combobox', { name: 'Contributor name' }).fill('Peng Qin');
  await page.keyboard.press('Escape');
  await note.getByRole('combobox', { name: 'Contributor role' }).selectOption({ label: 'Intern' });
  await expect(note).toContainText(NOTE);

  const built = [
    OPENING,
    '§ Health Care', TEXT['Health Care'],
    '§ Legal Protection', TEXT['Legal Protection'],
    '§ Science and Technology', TEXT['Science and Technology'],
    '[figure]',
    `[note] ${NOTE}`,
  ];
  await expect.poll(() => bodyBlocks(page)).toEqual(built);
  await expect.poll(() => outlineLabels(page)).toEqual(['Opening', ...SECTIONS]);

  // Legal Protection moves above Health Care, its text with it.
  await outline(page).getByRole('button', { name: 'Move Legal Protection up' }).click();
  const reordered = [
    OPENING,
    '§ Legal Protection', TEXT['Legal Protection'],
    '§ Health Care', TEXT['Health Care'],
    '§ Science and Technology', TEXT['Science and Technology'],
    '[figure]',
    `[note] ${NOTE}`,
  ];
  await expect.poll(() => bodyBlocks(page)).toEqual(reordered);
  await waitUntilSaved(page);

  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Headline' })).toHaveValue(HEADLINE);
  await expect(page.getByRole('textbox', { name: 'Dateline place' })).toHaveValue('Chongqing');
  await expect(page.getByLabel('Dateline date')).toHaveValue('2021-09-06');
  const names = page.getByRole('group', { name: 'Byline' }).getByRole('combobox', { name: 'Contributor name' });
  await expect(names).toHaveCount(1);
  await expect(names).toHaveValue('Vivian Yan');
  await expect(page.getByRole('group', { name: 'Byline' }).getByRole('combobox', { name: 'Contributor role' })).toHaveValue('author');
  await expect(page.getByText('By VIVIAN YAN', { exact: true })).toBeVisible();
  await expect.poll(() => outlineLabels(page)).toEqual(['Opening', 'Legal Protection', 'Health Care', 'Science and Technology']);
  await expect.poll(() => bodyBlocks(page)).toEqual(reordered);
  const figure = figures(page);
  await expect(figure.getByRole('textbox', { name: 'Caption' })).toHaveText('A picture of Chongqing at night.');
  await expect(figure.getByRole('textbox', { name: 'Credit' })).toHaveValue('iChongqing');
  await expect(figure).toContainText('A picture of Chongqing at night. (iChongqing)');
  const reloadedNote = page.getByRole('group', { name: 'Contributor note' });
  await expect(reloadedNote).toContainText(NOTE);
  await expect(reloadedNote.getByRole('combobox', { name: 'Contributor role' })).toHaveValue('intern');

  // Files that are not usable pictures are refused with a message; the story stays as it was.
  await storyBody(page).locator(':scope > p.body-p').first().click();
  await insertImage(page, image('not-an-image.jpg'));
  await expect(page.getByRole('alert')).toHaveText(
    /“not-an-image\.jpg” is not an image Copydesk can use \(it looks like text\)\. Choose a JPEG, PNG, WebP or GIF file\./,
  );
  await expect(figures(page)).toHaveCount(1);
  expect(await bodyBlocks(page)).toEqual(reordered);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);

  await insertImage(page, image('truncated.jpg'));
  await expect(page.getByRole('alert')).toContainText('“truncated.jpg” is damaged or incomplete');
  await expect(figures(page)).toHaveCount(1);
  expect(await bodyBlocks(page)).toEqual(reordered);

  // The library row lists the story's sectors in their new order.
  await page.getByRole('link', { name: 'Back to library' }).click();
  const row = page.getByRole('list', { name: 'Stories' }).getByRole('listitem').filter({ hasText: HEADLINE });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Legal Protection, Health Care, Science and Technology');
});
