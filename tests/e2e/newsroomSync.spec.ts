import type { Page } from '@playwright/test';
import { highlighted, move, selectInBody, workflowStatus } from './desk.ts';
import { expect, newStory, storyBody, test, waitUntilSaved } from './fixtures.ts';
import { syncStatus, tryAgainUntil, twoDesks } from './hub.ts';

/*
 * Issue 5's newsroom, end to end: one hub, two workstations (each its own
 * data folder and browser), a reporter and an editor each signed in with
 * their own hub account. The reporter's network goes away and comes back
 * through a relay in front of the hub (her cable, unplugged and plugged in);
 * the hub and the editor carry on meanwhile, as in a real newsroom.
 *
 * The reporter writes and submits offline; back online her work uploads; the
 * editor finds the story in her review queue, comments on a phrase and
 * requests changes; the reporter gets both. Then both change the same words
 * of one paragraph while she is offline: her workstation holds a conflict,
 * she keeps her version in the editor, and both workstations end with the
 * same text, the editor's version still in the story's history.
 */


const HEADLINE = 'Night ferries to cross the harbour from May';
const P1 = 'Ferries across the harbour will run through the night from May, the transport bureau said on Tuesday.';
const P2 = 'The night service will call at four piers.';
const P3 = 'Fares will match the daytime service.';
const P2_EDITOR = 'The night service will call at five piers.';
const P2_REPORTER = 'The night service will call at six piers.';
const PHRASE = 'through the night';

const paragraphs = (page: Page) => storyBody(page).locator(':scope > p');

async function typeParagraphs(page: Page, lines: readonly string[]): Promise<void> {
  await storyBody(page).click();
  for (const [index, line] of lines.entries()) {
    if (index > 0) await page.keyboard.press('Enter');
    await page.keyboard.type(line);
  }
}

/** Replaces `from` with `to` by selecting and typing over it, then keeps a checkpoint (Ctrl+S), which is what goes to the hub. */
async function retypeAndKeep(page: Page, from: string, to: string): Promise<void> {
  await selectInBody(page, from);
  await page.keyboard.type(to);
  await waitUntilSaved(page);
  await page.keyboard.press('ControlOrMeta+s');
}

test('two workstations and a hub: submitted offline, uploaded on reconnect, reviewed and sent back with a comment, the same paragraph changed on both sides resolved in the editor, and both end with the same text', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { cable, reporter, editor, close } = await twoDesks(browser, 'newsroom');
  try {
    await expect(editor.getByRole('group', { name: 'Who is writing' })).toContainText('Editor');

    // 1. Offline, the reporter writes and submits: it works here and waits to upload.
    await cable.unplug();
    await newStory(reporter, HEADLINE);
    await typeParagraphs(reporter, [P1, P2, P3]);
    await waitUntilSaved(reporter);
    await move(reporter, 'Submit', 'Ready for the desk');
    await expect(workflowStatus(reporter)).toHaveText('Submitted');
    await expect(syncStatus(reporter)).toHaveText(/^Offline — [1-9]\d* pending$/, { timeout: 20_000 });
    await reporter.getByRole('button', { name: 'Show what will be uploaded' }).click();
    const preview = reporter.getByRole('dialog', { name: 'What will be uploaded' });
    const waiting = preview.getByRole('list', { name: 'Changes waiting to upload' });
    await expect(waiting).toContainText(HEADLINE);
    await expect(waiting).toContainText(`Submit: “${HEADLINE}”`);
    // The count in the sidebar is the list's, the submission included.
    await expect(syncStatus(reporter)).toHaveText(`Offline — ${await waiting.getByRole('listitem').count()} pending`);
    await reporter.screenshot({ path: test.info().outputPath('1-reporter-offline-pending.png') });
    await preview.getByRole('button', { name: 'Close' }).click();

    // 2. Her network is back: everything uploads.
    await cable.plugIn();
    await tryAgainUntil(reporter, 'Up to date');

    // 3. The editor finds the story in her review queue once her workstation has pulled it.
    await editor.getByRole('tab', { name: 'Review queue' }).click();
    const queued = editor.getByRole('link', { name: new RegExp(HEADLINE) });
    await expect(queued).toBeVisible({ timeout: 20_000 });
    await editor.screenshot({ path: test.info().outputPath('2-editor-review-queue.png') });
    await queued.click();
    await expect(paragraphs(editor)).toHaveText([P1, P2, P3]);
    await expect(workflowStatus(editor)).toHaveText('Submitted');

    await selectInBody(editor, PHRASE);
    await editor.getByRole('button', { name: 'Comment', exact: true }).click();
    const editorComments = editor.getByRole('complementary', { name: 'Comments' });
    await editorComments.getByRole('textbox', { name: 'Comment' }).fill('Which hours exactly? Midnight to six?');
    await editorComments.getByRole('button', { name: 'Post comment' }).click();
    await expect(editorComments.getByRole('article', { name: /^Comment by Mei Chen on “through the night”/ })).toBeVisible();
    await move(editor, 'Request changes', 'Give the hours, please.');
    await expect(workflowStatus(editor)).toHaveText('Changes requested');
    await expect(syncStatus(editor)).toHaveText('Up to date', { timeout: 20_000 });

    // 4. The reporter, still in the story, gets the comment on the same words and the new status.
    await expect(workflowStatus(reporter)).toHaveText('Changes requested', { timeout: 20_000 });
    const thread = reporter.getByRole('complementary', { name: 'Comments' }).getByRole('article', { name: /^Comment by Mei Chen on “through the night”/ });
    await expect(thread).toContainText('Which hours exactly?', { timeout: 20_000 });
    await expect.poll(() => highlighted(reporter)).toEqual([PHRASE]);
    await reporter.screenshot({ path: test.info().outputPath('3-reporter-changes-requested.png') });

    // 5. While the reporter is offline, both change the same words of the second paragraph.
    await cable.unplug();
    await retypeAndKeep(editor, 'four piers', 'five piers');
    await expect(syncStatus(editor)).toHaveText('Up to date', { timeout: 20_000 });
    await retypeAndKeep(reporter, 'four piers', 'six piers');
    await expect(syncStatus(reporter)).toHaveText(/^Offline — [1-9]\d* pending$/, { timeout: 20_000 });

    // Back online, her change meets the editor's: a conflict for her to decide.
    await cable.plugIn();
    await tryAgainUntil(reporter, '1 conflict');
    await reporter.getByRole('link', { name: /^Conflicts/ }).click();
    const conflicts = reporter.getByRole('region', { name: 'Conflicts' });
    const row = conflicts.getByRole('link', { name: new RegExp(HEADLINE) });
    await expect(row).toContainText('1 conflict block');
    await row.click();
    const block = storyBody(reporter).getByRole('group', { name: 'Conflict: two versions of this paragraph' });
    await expect(block.getByRole('region', { name: 'Your version' })).toContainText(P2_REPORTER);
    await expect(block.getByRole('region', { name: 'Mei Chen’s version' })).toContainText(P2_EDITOR);
    await block.getByRole('button', { name: 'Keep mine' }).scrollIntoViewIfNeeded();
    await reporter.screenshot({ path: test.info().outputPath('4-reporter-conflict-block.png') });

    await block.getByRole('button', { name: 'Keep mine' }).click();
    await expect(block).toHaveCount(0);
    await expect(paragraphs(reporter)).toHaveText([P1, P2_REPORTER, P3]);
    await waitUntilSaved(reporter);
    await reporter.keyboard.press('ControlOrMeta+s');
    await tryAgainUntil(reporter, 'Up to date');

    // Both workstations show the same text; the editor's version is in the history.
    await expect(paragraphs(editor)).toHaveText([P1, P2_REPORTER, P3], { timeout: 20_000 });
    await expect(syncStatus(editor)).toHaveText('Up to date', { timeout: 20_000 });
    await expect(paragraphs(reporter)).toHaveText([P1, P2_REPORTER, P3]);
    await expect.poll(() => highlighted(editor)).toEqual([PHRASE]);
    await reporter.screenshot({ path: test.info().outputPath('5-reporter-converged.png') });
    await editor.screenshot({ path: test.info().outputPath('5-editor-converged.png') });

    // Nothing typed is lost: the editor's words, not kept, are her checkpoint in the history on both workstations.
    for (const page of [reporter, editor]) {
      await page.getByRole('button', { name: 'History', exact: true }).click();
      const history = page.getByRole('complementary', { name: 'History' });
      // Her latest checkpoint, the one she saved with Ctrl+S.
      await history.getByRole('list', { name: 'Checkpoints, newest first' }).getByRole('button', { name: /Mei Chen/ }).first().click();
      await expect(history.getByRole('textbox', { name: 'Story body (read only)' })).toContainText(P2_EDITOR);
    }
  } finally {
    await close();
  }
});
