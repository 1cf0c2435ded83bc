import type { Page } from '@playwright/test';
import { expect, newStory, storyBody, test, waitUntilSaved } from './fixtures.ts';

const outline = (page: Page) => page.getByRole('complementary', { name: 'Outline' });

/** Section labels in the outline, in order (each button's name is "Label, N words"). */
async function outlineLabels(page: Page): Promise<string[]> {
  const names = await outline(page)
    .getByRole('button', { name: /words?$/ })
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
  return names.map((name) => name.replace(/, [\d,]+ words?$/, ''));
}

/** Sector headings in the body, in order. */
const bodyHeadings = (page: Page) => storyBody(page).locator('h2.sector-heading .sector-heading__label').allTextContents();

async function insertFromPicker(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: 'Sector heading' }).click();
  const picker = page.getByRole('listbox', { name: 'Choose a sector' });
  await expect(picker).toBeVisible();
  await picker.getByRole('option', { name: label, exact: true }).click();
  await expect(picker).toBeHidden();
}

test('sector sections: picker, slash menu and shortcut; outline counts; a moved section survives reload and undo', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await newStory(page, 'Why Chongqing is piloting the service industry');
  const body = storyBody(page);
  await body.click();
  await page.keyboard.type('Chongqing was chosen as a pilot city.');
  await page.keyboard.press('Enter');

  // 1. Toolbar picker.
  await insertFromPicker(page, 'Health Care');
  await page.keyboard.type('Foreign-owned hospitals may open in the city.');
  await page.keyboard.press('Enter');

  // 2. Slash menu at the start of an empty paragraph.
  await page.keyboard.type('/legal');
  const menu = page.getByRole('listbox', { name: 'Typeahead menu' });
  await expect(menu.getByRole('option', { name: 'Sector heading: Legal Protection' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  await page.keyboard.type('Lawyers from Hong Kong and Macao can practise here now.');
  await page.keyboard.press('Enter');

  // 3. Keyboard shortcut opens the picker; Enter picks the highlighted (filtered) sector.
  await page.keyboard.press('Control+Alt+s');
  await expect(page.getByRole('listbox', { name: 'Choose a sector' })).toBeVisible();
  await page.keyboard.type('science');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Labs share data.');

  await expect.poll(() => bodyHeadings(page)).toEqual(['Health Care', 'Legal Protection', 'Science and Technology']);
  // A slash inside a sentence is just text.
  await page.keyboard.type(' It runs 24/7');
  await expect(page.getByRole('listbox', { name: 'Typeahead menu' })).toBeHidden();

  const panel = outline(page);
  await expect(panel.getByRole('button', { name: 'Opening, 7 words' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Health Care, 7 words' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Legal Protection, 10 words' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Science and Technology, 7 words' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Move Health Care up' })).toBeDisabled();
  await expect(panel.getByRole('button', { name: 'Move Science and Technology down' })).toBeDisabled();

  // Move Science and Technology above Legal Protection: heading and text go together.
  await panel.getByRole('button', { name: 'Move Science and Technology up' }).click();
  await expect.poll(() => outlineLabels(page)).toEqual(['Opening', 'Health Care', 'Science and Technology', 'Legal Protection']);
  await expect.poll(() => bodyHeadings(page)).toEqual(['Health Care', 'Science and Technology', 'Legal Protection']);
  await expect(body).toContainText(/Labs share data\. It runs 24\/7\s*Legal Protection\s*Lawyers/);
  // The keyboard stays on the moved section's button.
  await expect(panel.getByRole('button', { name: 'Move Science and Technology up' })).toBeFocused();

  await waitUntilSaved(page);
  await page.reload();
  await expect.poll(() => outlineLabels(page)).toEqual(['Opening', 'Health Care', 'Science and Technology', 'Legal Protection']);
  await expect.poll(() => bodyHeadings(page)).toEqual(['Health Care', 'Science and Technology', 'Legal Protection']);

  // After a move, one Ctrl+Z puts the section back.
  await outline(page).getByRole('button', { name: 'Move Legal Protection up' }).click();
  await expect.poll(() => bodyHeadings(page)).toEqual(['Health Care', 'Legal Protection', 'Science and Technology']);
  await storyBody(page).click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(() => bodyHeadings(page)).toEqual(['Health Care', 'Science and Technology', 'Legal Protection']);
  await expect(storyBody(page)).toContainText('Lawyers from Hong Kong and Macao can practise here now.');

  // Clicking an outline entry brings its heading into view.
  await outline(page).getByRole('button', { name: /^Legal Protection, / }).click();
  await expect(storyBody(page).locator('h2.sector-heading', { hasText: 'Legal Protection' })).toBeInViewport();
});

test('a contributor note prints from its entries and survives a reload', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await newStory(page, 'Service pilot');
  await storyBody(page).click();
  await page.keyboard.type('The end of the story.');
  await page.keyboard.press('Enter');

  await page.getByRole('button', { name: 'Contributor note' }).click();
  const note = page.getByRole('group', { name: 'Contributor note' });
  await expect(note).toBeVisible();
  await note.getByRole('combobox', { name: 'Contributor name' }).fill('Peng Qin');
  // The name field suggests people from the directory; a typed name is fine as it is.
  await page.keyboard.press('Escape');
  await note.getByRole('combobox', { name: 'Contributor role' }).selectOption({ label: 'Intern' });
  await expect(note).toContainText('(Peng Qin, as an intern, also contributed to this report.)');

  // Two interns join as one sentence; removing one goes back. The buttons answer the keyboard
  // like any button: Enter adds a row, and does not split the story around the note.
  const blocksBefore = await storyBody(page).locator(':scope > *').count();
  await note.getByRole('button', { name: 'Add contributor to note' }).focus();
  await page.keyboard.press('Enter');
  await expect(note.getByRole('combobox', { name: 'Contributor name' })).toHaveCount(2);
  await expect(storyBody(page).locator(':scope > *')).toHaveCount(blocksBefore);
  await note.getByRole('combobox', { name: 'Contributor name' }).nth(1).fill('Li Wei');
  await page.keyboard.press('Escape');
  await expect(note).toContainText('(Peng Qin and Li Wei, as interns, also contributed to this report.)');
  await note.getByRole('button', { name: 'Remove contributor from note' }).nth(1).click();
  await expect(note).toContainText('(Peng Qin, as an intern, also contributed to this report.)');

  await waitUntilSaved(page);
  await page.reload();
  const reloaded = page.getByRole('group', { name: 'Contributor note' });
  await expect(reloaded).toContainText('(Peng Qin, as an intern, also contributed to this report.)');
  await expect(reloaded.getByRole('combobox', { name: 'Contributor name' })).toHaveValue('Peng Qin');
  await expect(reloaded.getByRole('combobox', { name: 'Contributor role' })).toHaveValue('intern');
});
