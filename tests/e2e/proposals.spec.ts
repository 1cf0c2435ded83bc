import type { Page } from '@playwright/test';
import { callApi, startCopydesk, type RunningCopydesk } from '../support/webServer.ts';
import { addPerson, move, selectInBody, switchTo } from './desk.ts';
import { expect, newStory, storyBody, test, waitUntilSaved } from './fixtures.ts';

const HEADLINE = 'Night ferries for the harbour';
const P1 = 'Ferries across the harbour will run through the night from May.';
const P2 = 'The transport office said demand had doubled since the bridge closed.';
const P3 = 'Tickets will cost the same as during the day.';
const P2_PROPOSED = 'The transport office said demand had doubled since the bridge closed in March.';
const P3_PROPOSED = 'Tickets will cost half the daytime fare.';
const CREDIT = '(Peng Qin, as an intern, also contributed to this report.)';

/** The story's text as stored (whoever is writing may read it). */
async function storedText(copydesk: RunningCopydesk, id: string): Promise<string> {
  const story = await callApi<{ body: unknown }>(copydesk, 'stories.get', { id });
  return JSON.stringify(story.body);
}

const proposalsButton = (page: Page) => page.getByRole('button', { name: /^Proposals/ });

test('an intern proposes changes to a reporter’s story; she accepts one, rejects the other, and the intern is credited', async ({ page }) => {
  test.setTimeout(120_000);
  const copydesk = await startCopydesk({ profile: { name: 'Vivian Yan', role: 'reporter' } });
  try {
    await page.goto(copydesk.url);

    // The reporter writes three paragraphs and sends the story to the desk: her own editor is read-only now.
    await newStory(page, HEADLINE);
    await storyBody(page).click();
    await page.keyboard.type(P1);
    await page.keyboard.press('Enter');
    await page.keyboard.type(P2);
    await page.keyboard.press('Enter');
    await page.keyboard.type(P3);
    await waitUntilSaved(page);
    const storyId = /#\/story\/([^/?]+)/.exec(page.url())![1]!;
    await move(page, 'Submit');
    await expect(storyBody(page)).toHaveAttribute('contenteditable', 'false');

    // Her intern opens it: the editor is editable, in proposal mode, and says so.
    await addPerson(page, 'Peng Qin', 'Intern', 'Vivian Yan (Reporter)');
    const directSaves: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/api/stories.save')) directSaves.push(request.postData() ?? '');
    });
    const proposalMode = page.getByRole('note', { name: 'Proposal mode' });
    await expect(proposalMode).toContainText("You're proposing changes to Vivian Yan's story.");
    await expect(proposalMode).toContainText('Vivian Yan (your supervisor) or an editor accepts them.');
    await expect(storyBody(page)).toHaveAttribute('contenteditable', 'true');
    await page.screenshot({ path: test.info().outputPath('proposal-mode.png') });

    // He rewrites paragraphs 2 and 3; his edits are saved into his proposal, never into the story.
    await selectInBody(page, 'since the bridge closed.');
    await page.keyboard.type('since the bridge closed in March.');
    await selectInBody(page, 'the same as during the day.');
    await page.keyboard.type('half the daytime fare.');
    await waitUntilSaved(page);
    const checkpoints = async () => (await callApi<{ items: unknown[] }>(copydesk, 'revisions.list', { storyId })).items.length;
    const before = await checkpoints();
    await page.keyboard.press('Control+s');
    await waitUntilSaved(page);
    expect(await checkpoints(), 'Ctrl+S in proposal mode makes no checkpoint of the story').toBe(before);
    expect(directSaves).toEqual([]);
    const untouched = await storedText(copydesk, storyId);
    expect(untouched).toContain(P2);
    expect(untouched).toContain(P3);
    expect(untouched).not.toContain('in March');

    // Send proposal, with a note for the reviewer: the editor goes back to the story's own text.
    await proposalMode.getByRole('button', { name: 'Send proposal' }).click();
    const send = page.getByRole('dialog', { name: 'Send proposal' });
    await send.getByRole('textbox', { name: 'Note for the reviewer' }).fill('Added when the bridge closed and the night fare.');
    await send.getByRole('button', { name: 'Send proposal' }).click();
    await expect(send).toBeHidden();
    await expect(page.getByText('Proposal sent to Vivian Yan.')).toBeVisible();
    await expect(storyBody(page)).toContainText(P2);
    await expect(storyBody(page)).not.toContainText('in March');
    await expect(page.getByRole('note', { name: 'Your proposals' })).toContainText(/Your proposal of \d{2}:\d{2} is waiting for a decision — none of 2 decided yet\./);
    await expect(proposalsButton(page)).toHaveAccessibleName('Proposals 1 open');
    expect(directSaves).toEqual([]);

    // A reporter with nothing to do with the story sees the proposal, but Accept and Reject are refused with the reason.
    await addPerson(page, 'Li Wei', 'Reporter');
    await proposalsButton(page).click();
    let dialog = page.getByRole('dialog', { name: 'Proposals' });
    const reason = "Only the story's owner, an editor or the supervisor of its writer or of the proposing intern can accept proposals on it.";
    const hisRow = dialog.getByRole('listitem').filter({ hasText: 'in March' });
    await expect(hisRow.getByRole('button', { name: 'Accept' })).toHaveAttribute('aria-disabled', 'true');
    await expect(hisRow.getByRole('button', { name: 'Accept' })).toHaveAttribute('aria-description', reason);
    await expect(hisRow.getByRole('button', { name: 'Reject' })).toHaveAttribute('aria-disabled', 'true');
    await hisRow.getByRole('button', { name: 'Accept' }).click({ force: true }); // refused: nothing happens
    await expect(dialog.getByText('Accepted by')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Close proposals' }).click();

    // The reporter reviews it from her read-only editor.
    await switchTo(page, 'Vivian Yan');
    const withDesk = page.getByRole('note').filter({ hasText: 'This story is with the desk.' });
    await expect(withDesk).toBeVisible();
    // Proposing to her own story is her choice; she does not make it here.
    await expect(withDesk.getByRole('button', { name: 'Propose changes' })).toBeVisible();
    await expect(storyBody(page)).toHaveAttribute('contenteditable', 'false');
    await proposalsButton(page).click();
    dialog = page.getByRole('dialog', { name: 'Proposals' });
    await expect(dialog.getByRole('navigation', { name: 'Proposals on this story' })).toContainText('Peng Qin');
    await expect(dialog.getByRole('navigation', { name: 'Proposals on this story' })).toContainText('Added when the bridge closed and the night fare.');
    const compare = dialog.getByRole('region', { name: 'Compare' });
    await expect(compare).toContainText('Story when Peng Qin started');
    await expect(compare).toContainText("Peng Qin's proposal");
    const p2 = dialog.getByRole('listitem').filter({ hasText: 'in March' });
    const p3 = dialog.getByRole('listitem').filter({ hasText: 'daytime fare' });
    await p2.getByRole('button', { name: 'Accept' }).click();
    await expect(dialog.getByText('Accepted — merged into the story, and Peng Qin is credited in the contributor note.')).toBeVisible();
    await expect(p2).toContainText('Accepted by Vivian Yan');
    await expect(p2.getByRole('button', { name: 'Accept' })).toHaveCount(0);
    await expect(p3.getByRole('button', { name: 'Accept' })).toBeVisible();
    await expect(dialog.getByRole('navigation', { name: 'Proposals on this story' })).toContainText('1 of 2 decided');
    await page.screenshot({ path: test.info().outputPath('review-one-accepted.png') });
    await p3.getByRole('button', { name: 'Reject' }).click();
    await expect(p3).toContainText('Rejected by Vivian Yan');
    await expect(dialog.getByRole('navigation', { name: 'Proposals on this story' })).toContainText('2 of 2 decided');
    await dialog.getByRole('button', { name: 'Close proposals' }).click();

    // Her editor shows the merged story: the new paragraph 2, the old paragraph 3, and the credit.
    const body = storyBody(page);
    await expect(body).toContainText(P2_PROPOSED);
    await expect(body).toContainText(P3);
    await expect(body).not.toContainText(P3_PROPOSED);
    await expect(body).toContainText(CREDIT);
    await expect(page.getByRole('note', { name: 'Your proposals' })).toHaveCount(0);

    // History keeps the proposal and the merge.
    await page.getByRole('button', { name: 'History' }).click();
    const history = page.getByRole('complementary', { name: 'History' });
    await expect(history.getByRole('button', { name: /^Merged, / })).toHaveCount(1);
    await expect(history.getByRole('button', { name: /^Proposal, .*Peng Qin/ })).toHaveCount(1);

    // All of it is stored: after a reload the story and the decisions are as they were.
    await page.reload();
    await expect(storyBody(page)).toContainText(P2_PROPOSED);
    await expect(storyBody(page)).toContainText(P3);
    await expect(storyBody(page)).toContainText(CREDIT);
    await proposalsButton(page).click();
    dialog = page.getByRole('dialog', { name: 'Proposals' });
    await expect(dialog.getByRole('listitem').filter({ hasText: 'in March' })).toContainText('Accepted by Vivian Yan');
    await expect(dialog.getByRole('listitem').filter({ hasText: 'daytime fare' })).toContainText('Rejected by Vivian Yan');
    await expect(dialog.getByRole('navigation', { name: 'Proposals on this story' })).toContainText('Decided');
    await dialog.getByRole('button', { name: 'Close proposals' }).click();
    expect(await storedText(copydesk, storyId)).toContain('Peng Qin');

    // The intern sees his proposal decided; nothing is waiting any more.
    await switchTo(page, 'Peng Qin');
    await expect(page.getByRole('note', { name: 'Proposal mode' })).toBeVisible();
    await expect(storyBody(page)).toContainText(P2_PROPOSED);
    await expect(page.getByRole('note', { name: 'Your proposals' })).toHaveCount(0);
    expect(directSaves).toEqual([]);
  } finally {
    await copydesk.stop();
  }
});

test('proposal mode: sending an unchanged proposal is refused, and a discarded proposal leaves the story as it was', async ({ page }) => {
  const copydesk = await startCopydesk({ profile: { name: 'Vivian Yan', role: 'reporter' } });
  try {
    await page.goto(copydesk.url);
    await newStory(page, HEADLINE);
    await storyBody(page).click();
    await page.keyboard.type(P1);
    await waitUntilSaved(page);
    const storyId = /#\/story\/([^/?]+)/.exec(page.url())![1]!;

    // A colleague may not edit it: he proposes instead.
    await addPerson(page, 'Li Wei', 'Reporter');
    const proposalMode = page.getByRole('note', { name: 'Proposal mode' });
    await expect(proposalMode).toContainText("You're proposing changes to Vivian Yan's story. They go into the story only when Vivian Yan or an editor accepts them.");
    await proposalMode.getByRole('button', { name: 'Send proposal' }).click();
    await expect(page.getByText('Your version is the same as the story — there is nothing to propose.')).toBeVisible();
    await expect(page.getByRole('dialog', { name: 'Send proposal' })).toHaveCount(0);

    // He writes, leaves and comes back: his draft is still in the editor.
    await selectInBody(page, 'from May.');
    await page.keyboard.type('from June.');
    await waitUntilSaved(page);
    await page.reload();
    await expect(storyBody(page)).toContainText('from June.');
    await expect(proposalMode).toBeVisible();

    // Discarded: the editor shows the story, which never changed.
    await proposalMode.getByRole('button', { name: 'Discard proposal' }).click();
    await page.getByRole('alertdialog', { name: 'Discard your proposal?' }).getByRole('button', { name: 'Discard proposal' }).click();
    await expect(page.getByText('Proposal discarded. The story is as it was.')).toBeVisible();
    await expect(storyBody(page)).toContainText('from May.');
    await page.reload();
    await expect(storyBody(page)).toContainText('from May.');
    expect(await storedText(copydesk, storyId)).not.toContain('June');
    await expect(proposalsButton(page)).toHaveCount(0);
  } finally {
    await copydesk.stop();
  }
});

test('the author withdraws a sent proposal after confirming; it then takes no decisions', async ({ page }) => {
  const copydesk = await startCopydesk({ profile: { name: 'Vivian Yan', role: 'reporter' } });
  try {
    await page.goto(copydesk.url);
    await newStory(page, HEADLINE);
    await storyBody(page).click();
    await page.keyboard.type(P1);
    await waitUntilSaved(page);

    // A colleague proposes a change and sends it.
    await addPerson(page, 'Li Wei', 'Reporter');
    const proposalMode = page.getByRole('note', { name: 'Proposal mode' });
    // The editor reopens in proposal mode for Li Wei: type once it has.
    await expect(proposalMode).toBeVisible();
    await selectInBody(page, 'from May.');
    await page.keyboard.type('from June.');
    await expect(storyBody(page)).toContainText('from June.');
    await waitUntilSaved(page);
    await proposalMode.getByRole('button', { name: 'Send proposal' }).click();
    await page.getByRole('dialog', { name: 'Send proposal' }).getByRole('button', { name: 'Send proposal' }).click();
    const waiting = page.getByRole('note', { name: 'Your proposals' });
    await expect(waiting).toContainText('is waiting for a decision');
    await expect(proposalsButton(page)).toHaveAccessibleName('Proposals 1 open');

    // Cancel keeps it; confirming withdraws it.
    await waiting.getByRole('button', { name: 'Withdraw proposal' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Withdraw your proposal?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();
    await expect(proposalsButton(page)).toHaveAccessibleName('Proposals 1 open');
    await waiting.getByRole('button', { name: 'Withdraw proposal' }).click();
    await confirm.getByRole('button', { name: 'Withdraw proposal' }).click();
    await expect(page.getByText('Proposal withdrawn. Nobody can accept or reject it any more.')).toBeVisible();
    await expect(waiting).toHaveCount(0);

    // The story's owner sees it withdrawn, with nothing to accept.
    await switchTo(page, 'Vivian Yan');
    await expect(proposalsButton(page)).toHaveAccessibleName('Proposals');
    await proposalsButton(page).click();
    const dialog = page.getByRole('dialog', { name: 'Proposals' });
    await expect(dialog.getByRole('navigation', { name: 'Proposals on this story' })).toContainText('Withdrawn');
    await expect(dialog.getByRole('button', { name: 'Accept' })).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Withdraw proposal' })).toHaveCount(0);
    await expect(storyBody(page)).toContainText('from May.');
  } finally {
    await copydesk.stop();
  }
});
