import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { freshDataDir, startCopydesk, type RunningCopydesk } from '../support/webServer.ts';
import { move, selectInBody, workflowStatus } from './desk.ts';
import { expect, newStory, storyBody, test, waitUntilSaved } from './fixtures.ts';
import { addHubPerson, connect, newsroomHub, PENG, stopHub, syncStatus, VIVIAN } from './hub.ts';

/*
 * A proposal through the newsroom hub, end to end: one hub, two workstations
 * (each its own data folder and browser). Reporter Vivian Yan writes a story
 * and sends it to the desk, so the newsroom reads it; her intern Peng Qin,
 * signed in on her own workstation, rewrites one paragraph as a proposal and
 * sends it with a note. Vivian finds "Proposals 1 open" on her story, accepts
 * the change, and the story credits the intern; on the intern's workstation
 * the proposal reads as accepted and the story has her words.
 */

const HEADLINE = 'Harbour ferries to run all night from May';
const P1 = 'Ferries across the harbour will run through the night from May, the transport bureau said on Tuesday.';
const P2 = 'The night service will call at four piers.';
const P3 = 'Fares will match the daytime service.';
const P2_PROPOSED = 'The night service will call at four piers on both sides of the harbour.';
const NOTE = 'Added where the piers are, from the bureau’s map.';
const CREDIT = '(Peng Qin, as an intern, also contributed to this report.)';

const paragraphs = (page: Page) => storyBody(page).locator(':scope > p');
/** The contributor note at the story's end; its sentence is what prints. */
const contributorNote = (page: Page) => storyBody(page).getByRole('group', { name: 'Contributor note' });
const proposalsButton = (page: Page) => page.getByRole('button', { name: /^Proposals/ });
const shot = (name: string) => `/tmp/cd/shots/propdesks-${name}.png`;

test('an intern’s proposal travels through the hub: her supervisor accepts it on her own workstation, and the intern sees it accepted, her words in the story and the credit', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const closers: Array<() => Promise<void>> = [];
  try {
    const { hub, adminToken, ids } = await newsroomHub([VIVIAN]);
    closers.push(async () => {
      await stopHub(hub);
      rmSync(hub.dataDir, { recursive: true, force: true });
    });
    await addHubPerson(hub, adminToken, PENG, ids[VIVIAN.username]!);

    const workstation = async (label: string, profile: { name: string; role: 'reporter' } | null): Promise<Page> => {
      const copydesk: RunningCopydesk = await startCopydesk({ dataDir: freshDataDir(`copydesk-e2e-proposals-${label}`), profile });
      closers.push(async () => {
        await copydesk.stop();
        rmSync(copydesk.dataDir, { recursive: true, force: true });
      });
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      closers.push(() => context.close());
      const page = await context.newPage();
      await page.goto(copydesk.url);
      return page;
    };

    // 1. Vivian writes on her workstation, keeps a checkpoint (Ctrl+S) and it reaches the hub.
    const vivian = await workstation('reporter', { name: VIVIAN.name, role: 'reporter' });
    await connect(vivian, hub.url, VIVIAN.username);
    await expect(syncStatus(vivian)).toHaveText('Up to date', { timeout: 30_000 });
    await newStory(vivian, HEADLINE);
    await storyBody(vivian).click();
    for (const [index, line] of [P1, P2, P3].entries()) {
      if (index > 0) await vivian.keyboard.press('Enter');
      await vivian.keyboard.type(line);
    }
    await waitUntilSaved(vivian);
    await vivian.keyboard.press('ControlOrMeta+s');
    await expect(syncStatus(vivian)).toHaveText('Up to date', { timeout: 30_000 });
    // Her draft is hers (and the desk's) alone: she sends it to the desk, and the newsroom, her intern included, reads it.
    await move(vivian, 'Submit', 'Ready for the desk');
    await expect(workflowStatus(vivian)).toHaveText('Submitted');
    await expect(syncStatus(vivian)).toHaveText('Up to date', { timeout: 30_000 });

    // 2. Peng Qin starts her own workstation by signing in with her newsroom account; the story comes down.
    const peng = await workstation('intern', null);
    await expect(peng.getByRole('heading', { name: 'Who is writing?' })).toBeVisible();
    await connect(peng, hub.url, PENG.username);
    await expect(syncStatus(peng)).toHaveText('Up to date', { timeout: 30_000 });
    await expect(peng.getByRole('group', { name: 'Who is writing' })).toContainText(PENG.name);
    await peng.getByRole('link', { name: new RegExp(HEADLINE) }).click({ timeout: 30_000 });
    await expect(paragraphs(peng)).toHaveText([P1, P2, P3]);
    const proposalMode = peng.getByRole('note', { name: 'Proposal mode' });
    await expect(proposalMode).toHaveText(
      /You're proposing changes to Vivian Yan's story\. They go into the story only when Vivian Yan \(your supervisor\) or an editor accepts them\./,
    );

    // 3. She rewrites the second paragraph and sends it as a proposal, with a note; it goes up to the hub.
    await selectInBody(peng, 'four piers.');
    await peng.keyboard.type('four piers on both sides of the harbour.');
    await expect(paragraphs(peng)).toHaveText([P1, P2_PROPOSED, P3]);
    await waitUntilSaved(peng);
    await proposalMode.getByRole('button', { name: 'Send proposal' }).click();
    const send = peng.getByRole('dialog', { name: 'Send proposal' });
    await send.getByRole('textbox', { name: 'Note for the reviewer' }).fill(NOTE);
    await send.getByRole('button', { name: 'Send proposal' }).click();
    await expect(send).toBeHidden();
    await expect(peng.getByText('Proposal sent to Vivian Yan.')).toBeVisible();
    const waiting = peng.getByRole('note', { name: 'Your proposals' });
    await expect(waiting).toContainText(/Your proposal of \d{2}:\d{2} is waiting for a decision — none of 1 decided yet\./);
    // The editor shows the story's own text again: her words are in the proposal, not in the story.
    await expect(paragraphs(peng)).toHaveText([P1, P2, P3]);
    await expect(syncStatus(peng)).toHaveText('Up to date', { timeout: 30_000 });

    // 4. On Vivian's workstation, still in her story: the proposal arrives with the next sync.
    await expect(proposalsButton(vivian)).toHaveAccessibleName('Proposals 1 open', { timeout: 30_000 });
    await proposalsButton(vivian).click();
    const review = vivian.getByRole('dialog', { name: 'Proposals' });
    const list = review.getByRole('navigation', { name: 'Proposals on this story' });
    await expect(list).toContainText('Peng Qin');
    await expect(list).toContainText(NOTE);
    await expect(list).toContainText('None of 1 decided yet');
    const compare = review.getByRole('region', { name: 'Compare' });
    await expect(compare).toContainText('Story when Peng Qin started');
    await expect(compare).toContainText("Peng Qin's proposal");
    const change = review.getByRole('listitem').filter({ hasText: 'on both sides of the harbour' });
    await expect(change.getByRole('button', { name: 'Accept' })).toBeEnabled();
    await vivian.screenshot({ path: shot('4-vivian-review') });
    await change.getByRole('button', { name: 'Accept' }).click();
    await expect(review.getByText('Accepted — merged into the story, and Peng Qin is credited in the contributor note.')).toBeVisible();
    await expect(change).toContainText('Accepted by Vivian Yan');
    await expect(list).toContainText('1 of 1 decided');
    await vivian.screenshot({ path: shot('4-vivian-accepted') });
    await review.getByRole('button', { name: 'Close proposals' }).click();
    await expect(paragraphs(vivian)).toHaveText([P1, P2_PROPOSED, P3]);
    await expect(contributorNote(vivian)).toHaveAccessibleDescription(CREDIT);
    await expect(proposalsButton(vivian)).toHaveAccessibleName('Proposals');
    await expect(syncStatus(vivian)).toHaveText('Up to date', { timeout: 30_000 });

    // 5. Back on the intern's workstation after the sync: nothing waits any more, the story has her words and the credit.
    await expect(waiting).toHaveCount(0, { timeout: 30_000 });
    await expect(paragraphs(peng)).toHaveText([P1, P2_PROPOSED, P3], { timeout: 30_000 });
    await expect(contributorNote(peng)).toHaveAccessibleDescription(CREDIT);
    await expect(proposalsButton(peng)).toHaveAccessibleName('Proposals');
    await proposalsButton(peng).click();
    const hers = peng.getByRole('dialog', { name: 'Proposals' });
    await expect(hers.getByRole('navigation', { name: 'Proposals on this story' })).toContainText('Decided');
    await expect(hers.getByRole('listitem').filter({ hasText: 'on both sides of the harbour' })).toContainText('Accepted by Vivian Yan');
    await expect(hers.getByRole('button', { name: 'Accept' })).toHaveCount(0);
    await expect(hers.getByRole('button', { name: 'Withdraw proposal' })).toHaveCount(0);
    await peng.screenshot({ path: shot('5-intern-decided') });
    await hers.getByRole('button', { name: 'Close proposals' }).click();
    await expect(syncStatus(peng)).toHaveText('Up to date');
    await contributorNote(peng).scrollIntoViewIfNeeded();
    await peng.screenshot({ path: shot('5-intern-story') });
  } finally {
    for (const closer of closers.splice(0).reverse()) await closer();
  }
});
