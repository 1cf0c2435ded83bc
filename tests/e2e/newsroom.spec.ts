import type { Page } from '@playwright/test';
import { startCopydesk } from '../support/webServer.ts';
import { addPerson, highlighted, move, selectInBody, switchTo, workflowStatus } from './desk.ts';
import { expect, newStory, storyBody, test, waitUntilSaved } from './fixtures.ts';

/*
 * One story through the newsroom, as issue 4 describes it: a reporter
 * writes and submits; an editor takes it from the review queue, compares two
 * versions, comments on a phrase and requests changes; the reporter rewrites
 * the sentence around the phrase and the comment stays on it; an intern
 * proposes two changes and their supervisor accepts one and rejects the
 * other, which credits the intern; the intern may not publish; the editor
 * approves and publishes.
 */

const HEADLINE = 'Night ferries to cross the harbour from May';
const P1 = 'Ferries across the harbour will run through the night from May, the transport bureau said on Tuesday.';
const P2 = 'The night service will call at four piers.';
const P3 = 'Fares will match the daytime service.';
const P3_MORE = ' Children under twelve travel free.';

const P1_REWRITTEN = 'Harbour ferries are to sail through the night from May, the transport bureau announced on Tuesday.';
const P2_PROPOSED = 'The night service will call at Central, Wan Chai, Tsim Sha Tsui and Hung Hom.';
const P3_PROPOSED = 'Fares will be ten per cent higher at night. Children under twelve travel free.';
const CREDIT = 'Peng Qin, as an intern, also contributed to this report.';

const paragraphs = (page: Page) => storyBody(page).locator(':scope > p');

async function typeParagraphs(page: Page, lines: readonly string[]): Promise<void> {
  await storyBody(page).click();
  for (const [index, line] of lines.entries()) {
    if (index > 0) await page.keyboard.press('Enter');
    await page.keyboard.type(line);
  }
}

/** Replaces `from` with `to` in the story body by selecting and typing over it, as a person would. */
async function retype(page: Page, from: string, to: string): Promise<void> {
  await selectInBody(page, from);
  await page.keyboard.type(to);
}

test('the newsroom: submit, review queue, compare, comment, request changes, rewrite around a comment, intern proposal accepted and rejected block by block, approve, publish', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const copydesk = await startCopydesk({ profile: { name: 'Vivian Yan', role: 'reporter' } });
  try {
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(copydesk.url);

    // 1. The reporter writes, keeps a checkpoint, adds a sentence and submits (the submission is a second checkpoint).
    await newStory(page, HEADLINE);
    await typeParagraphs(page, [P1, P2, P3]);
    await waitUntilSaved(page);
    await page.keyboard.press('ControlOrMeta+s');
    await waitUntilSaved(page);
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(P3_MORE);
    await waitUntilSaved(page);
    await move(page, 'Submit', 'Ready for the desk');
    await expect(workflowStatus(page)).toHaveAccessibleName('Status: Submitted');

    // 2. The editor opens the review queue and the story.
    await addPerson(page, 'Mei Chen', 'Editor');
    await page.getByRole('link', { name: 'Back to library' }).click();
    await page.getByRole('tab', { name: 'Review queue' }).click();
    await page.getByRole('link', { name: new RegExp(HEADLINE) }).click();
    await expect(paragraphs(page)).toHaveText([P1, P2, P3 + P3_MORE]);

    // She compares the reporter's two versions: the checkpoint and the submission.
    await page.getByRole('button', { name: 'History', exact: true }).click();
    const history = page.getByRole('complementary', { name: 'History' });
    const checkpoints = history.getByRole('list', { name: 'Checkpoints, newest first' }).getByRole('listitem');
    await expect(checkpoints).toHaveCount(2);
    await expect(checkpoints.nth(0)).toContainText('Submitted');
    await expect(checkpoints.nth(1)).toContainText('Saved');
    await checkpoints.nth(1).getByRole('checkbox', { name: /Select for comparison/ }).check();
    await checkpoints.nth(0).getByRole('checkbox', { name: /Select for comparison/ }).check();
    await history.getByRole('button', { name: 'Compare selected' }).click();
    const compare = page.getByRole('dialog', { name: 'Compare versions' });
    await expect(compare.getByRole('status')).toHaveText('1 block changed');
    await expect(compare.getByRole('listitem', { name: 'Changed: Paragraph' }).getByRole('insertion')).toContainText(P3_MORE.trim());
    await page.screenshot({ path: test.info().outputPath('compare.png') });
    await compare.getByRole('button', { name: 'Close compare' }).click();
    await history.getByRole('button', { name: 'Close history' }).click();

    // She comments on a phrase and requests changes.
    await selectInBody(page, 'through the night');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    const comments = page.getByRole('complementary', { name: 'Comments' });
    await comments.getByRole('textbox', { name: 'Comment' }).fill('Which hours exactly? Midnight to six?');
    await comments.getByRole('button', { name: 'Post comment' }).click();
    const thread = comments.getByRole('article', { name: /^Comment by Mei Chen on “through the night”/ });
    await expect(thread).toContainText('Which hours exactly?');
    await expect.poll(() => highlighted(page)).toEqual(['through the night']);
    await move(page, 'Request changes', 'Give the hours, please.');
    await expect(workflowStatus(page)).toHaveText('Changes requested');
    await page.screenshot({ path: test.info().outputPath('comment-thread.png') });

    // 3. The reporter rewrites the sentence around the phrase; the comment stays on it.
    await switchTo(page, 'Vivian Yan');
    await expect(storyBody(page)).toHaveAttribute('contenteditable', 'true');
    await retype(page, 'Ferries across the harbour will run', 'Harbour ferries are to sail');
    await retype(page, 'said on Tuesday', 'announced on Tuesday');
    await expect(paragraphs(page).first()).toHaveText(P1_REWRITTEN);
    await waitUntilSaved(page);
    await expect.poll(() => highlighted(page)).toEqual(['through the night']);
    await expect(thread).toBeVisible();
    await expect(comments.getByRole('region', { name: 'No longer in the text' })).toHaveCount(0);
    await thread.getByRole('textbox', { name: 'Reply' }).fill('Midnight to six, the bureau says.');
    await thread.getByRole('button', { name: 'Reply' }).click();
    await expect(thread.getByRole('list', { name: 'Replies' })).toContainText('Midnight to six');

    // 4. An intern supervised by the reporter proposes two changes; the story itself does not change.
    await addPerson(page, 'Peng Qin', 'Intern', 'Vivian Yan (Reporter)');
    await expect(page.getByRole('note').filter({ hasText: /proposing changes/i })).toBeVisible();
    await expect(storyBody(page)).toHaveAttribute('contenteditable', 'true');
    await retype(page, 'four piers.', 'Central, Wan Chai, Tsim Sha Tsui and Hung Hom.');
    await retype(page, 'match the daytime service.', 'be ten per cent higher at night.');
    await expect(paragraphs(page)).toHaveText([P1_REWRITTEN, P2_PROPOSED, P3_PROPOSED]);
    await waitUntilSaved(page);
    await page.getByRole('button', { name: 'Send proposal' }).click();
    const sending = page.getByRole('dialog', { name: 'Send proposal' });
    await sending.getByRole('textbox').fill('Named the piers and the night fare.');
    await sending.getByRole('button', { name: 'Send proposal' }).click();
    await expect(sending).toBeHidden();
    // Back to the story's own text: the proposal waits for a decision.
    await expect(paragraphs(page)).toHaveText([P1_REWRITTEN, P2, P3 + P3_MORE]);

    // 5. The supervisor accepts the piers and rejects the fare.
    await switchTo(page, 'Vivian Yan');
    await expect(paragraphs(page)).toHaveText([P1_REWRITTEN, P2, P3 + P3_MORE]);
    await page.getByRole('button', { name: /^Proposals/ }).click();
    await page.getByRole('button', { name: /Peng Qin/ }).click();
    const review = page.getByRole('dialog', { name: /proposal/i });
    const piers = review.getByRole('listitem').filter({ hasText: 'Hung Hom' });
    const fare = review.getByRole('listitem').filter({ hasText: 'ten per cent' });
    await piers.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect(piers).toContainText('Accepted by Vivian Yan');
    await fare.getByRole('button', { name: 'Reject', exact: true }).click();
    await expect(fare).toContainText('Rejected by Vivian Yan');
    await page.screenshot({ path: test.info().outputPath('proposal-decided.png') });
    await page.keyboard.press('Escape');
    await expect(review).toBeHidden();

    // The accepted change is in the story, the rejected one is not, and the intern is credited.
    await expect(paragraphs(page)).toHaveText([P1_REWRITTEN, P2_PROPOSED, P3 + P3_MORE]);
    await expect(storyBody(page)).toContainText(CREDIT);
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await expect(checkpoints.filter({ hasText: 'Merged' })).not.toHaveCount(0);
    await expect(checkpoints.filter({ hasText: /^\s*Proposal/ })).toHaveCount(1);
    await history.getByRole('button', { name: 'Close history' }).click();
    await move(page, 'Submit', 'Hours and piers added');

    // 6. The editor approves.
    await switchTo(page, 'Mei Chen');
    await move(page, 'Approve');
    await expect(workflowStatus(page)).toHaveText('Approved');

    // 7. The intern's attempt to publish is refused, with the reason.
    await switchTo(page, 'Peng Qin');
    const internPublish = page.getByRole('group', { name: 'Workflow' }).getByRole('button', { name: 'Publish' });
    await expect(internPublish).toHaveAttribute('aria-disabled', 'true');
    await expect(internPublish).toHaveAttribute('aria-description', "Interns can't publish — your supervisor signs off first.");
    await internPublish.click({ force: true });
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(workflowStatus(page)).toHaveText('Approved');

    // 8. The editor publishes; after a reload everything is where it was.
    await switchTo(page, 'Mei Chen');
    await move(page, 'Publish');
    await expect(workflowStatus(page)).toHaveAccessibleName('Status: Published');
    await page.reload();
    await expect(workflowStatus(page)).toHaveText('Published');
    await expect(paragraphs(page)).toHaveText([P1_REWRITTEN, P2_PROPOSED, P3 + P3_MORE]);
    await expect(storyBody(page)).toContainText(CREDIT);
    await expect.poll(() => highlighted(page)).toEqual(['through the night']);
  } finally {
    await copydesk.stop();
  }
});
