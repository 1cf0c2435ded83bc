import type { Page } from '@playwright/test';
import { expect, storyBody } from './fixtures.ts';

/**
 * Steps a newsroom takes at the desk, shared by the workflow, comment and
 * newsroom specs: adding and switching people, moving a story, selecting a
 * phrase, reading the comment highlights.
 */

/** Adds a person on this workstation through "Switch user" and switches to them. */
export async function addPerson(page: Page, name: string, role: string, supervisor?: string): Promise<void> {
  await page.getByRole('button', { name: 'Switch user' }).click();
  await page.getByRole('dialog', { name: 'Switch user' }).getByRole('button', { name: 'Add a person…' }).click();
  const adding = page.getByRole('dialog', { name: 'Add a person' });
  await adding.getByRole('textbox', { name: 'Name' }).fill(name);
  await adding.getByRole('combobox', { name: 'Role' }).selectOption({ label: role });
  if (supervisor) await adding.getByRole('combobox', { name: 'Supervisor' }).selectOption({ label: supervisor });
  await adding.getByRole('button', { name: 'Add and switch' }).click();
  await expect(page.getByRole('group', { name: 'Who is writing' })).toContainText(name);
}

export async function switchTo(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Switch user' }).click();
  await page.getByRole('dialog', { name: 'Switch user' }).getByRole('button', { name: new RegExp(name) }).click();
  await expect(page.getByRole('group', { name: 'Who is writing' })).toContainText(name);
}

/** Clicks a move in the workflow bar and confirms it in its dialog, with an optional note for the timeline. */
export async function move(page: Page, button: string, note = '', confirm = button): Promise<void> {
  await page.getByRole('group', { name: 'Workflow' }).getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: button.replace('…', '') });
  await expect(dialog).toBeVisible();
  if (note) await dialog.getByRole('textbox', { name: /Note for the timeline|Correction note/ }).fill(note);
  await dialog.getByRole('button', { name: confirm, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** The story's workflow state, as the editor header shows it. */
export const workflowStatus = (page: Page) => page.getByRole('group', { name: 'Workflow' }).getByRole('status');

/** Selects the first occurrence of `text` in the story body, as a reader dragging over it would. */
export async function selectInBody(page: Page, text: string): Promise<void> {
  await storyBody(page).focus();
  await page.evaluate((wanted) => {
    const root = document.querySelector('[aria-label="Story body"]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not in the story body`);
  }, text);
}

/** The words under the comment highlight in the editor (CSS Custom Highlight API), in order. */
export async function highlighted(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    ['copydesk-comment', 'copydesk-comment-active'].flatMap((name) => [...(CSS.highlights.get(name) ?? [])].map((range) => range.toString())),
  );
}
