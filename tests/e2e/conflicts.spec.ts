import type { SerializedDocument, SerializedNode } from '../../shared/model/document.ts';
import { mergeStories } from '../../shared/review/merge.ts';
import type { StorySnapshot } from '../../shared/review/metadataDiff.ts';
import { callApi } from '../support/webServer.ts';
import { move, workflowStatus } from './desk.ts';
import { editorStatus, expect, storyBody, test, waitUntilSaved } from './fixtures.ts';

const HEADLINE = 'Flood defences hold at Ciqikou';
const LEAD = 'The Jialing river rose two metres overnight.';
const BASE = 'Flood defences held at Ciqikou, the district said.';
const MINE = 'Flood defences held firm at Ciqikou, the district said on Sunday.';
const THEIRS = 'Flood defences gave way at Ciqikou, the district said.';
const LAST = 'Schools in Shapingba stay shut on Monday.';

function paragraph(text: string, blockId: string): SerializedNode {
  return {
    type: 'paragraph',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
    $: { blockId },
  };
}

/** The story as each side had it: only the middle paragraph differs. */
function version(middle: string): StorySnapshot {
  const body: SerializedDocument = {
    root: {
      type: 'root',
      version: 1,
      direction: null,
      format: '',
      indent: 0,
      children: [paragraph(LEAD, 'b000000000000000a'), paragraph(middle, 'b000000000000000b'), paragraph(LAST, 'b000000000000000c')],
    },
  };
  return { headline: HEADLINE, standfirst: '', dateline: { place: 'Chongqing', date: '' }, byline: [], language: 'en', body };
}

test('Conflict block: both versions shown, Keep both is undoable, Keep theirs is saved, and Submit waits for the decision', async ({ page, copydesk }, testInfo) => {
  // The merge of two edits of the same words, as the hub sync makes it, saved through the contract.
  const { merged, clean } = mergeStories(version(BASE), version(MINE), version(THEIRS), { oursLabel: 'Your version', theirsLabel: "Vivian Yan's version (newsroom)" });
  expect(clean).toBe(false);
  const story = await callApi<{ id: string }>(copydesk, 'stories.create', { headline: HEADLINE });
  await callApi(copydesk, 'stories.save', { id: story.id, headline: HEADLINE, standfirst: '', body: merged.body });

  await page.goto(copydesk.url);
  await page.getByRole('link', { name: new RegExp(HEADLINE) }).click();
  const body = storyBody(page);
  const conflict = body.getByRole('group', { name: 'Conflict: two versions of this paragraph' });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText('Needs a decision');
  await expect(conflict.getByRole('region', { name: 'Your version' })).toHaveText(`Your versionParagraph${MINE}`);
  await expect(conflict.getByRole('region', { name: "Vivian Yan's version (newsroom)" })).toHaveText(`Vivian Yan's version (newsroom)Paragraph${THEIRS}`);
  await expect(conflict.getByText(BASE)).toBeHidden();
  await conflict.getByText('Before either change').click();
  await expect(conflict.getByText(BASE)).toBeVisible();
  // The word count keeps the words while the decision waits: ours, counted once (7 + 11 + 7).
  await expect(editorStatus(page)).toContainText('25 words');
  await testInfo.attach('conflict-block', { body: await conflict.screenshot(), contentType: 'image/png' });

  // Submit is refused while the conflict is open, with a message that says what to do.
  await page.getByRole('group', { name: 'Workflow' }).getByRole('button', { name: 'Submit', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Submit' });
  await dialog.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('This story has 1 unresolved conflict. Choose a version in each conflict block before submitting.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(workflowStatus(page)).toHaveText('Draft');

  // Keep both: ours then theirs, one after the other, as ordinary paragraphs.
  await conflict.getByRole('button', { name: 'Keep both' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(body).toHaveText(`${LEAD}${MINE}${THEIRS}${LAST}`);
  await expect(body.locator('p')).toHaveCount(4);

  // One Undo brings the conflict block back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(conflict).toBeVisible();
  await expect(body.locator('p', { hasText: THEIRS })).toHaveCount(1);

  // Keep theirs, from the keyboard with the caret left in the lead: Enter presses the button and
  // splits no paragraph. The paragraph reads theirs.
  await body.getByText(LEAD).click();
  await conflict.getByRole('button', { name: 'Keep theirs' }).focus();
  await page.keyboard.press('Enter');
  await expect(conflict).toHaveCount(0);
  await expect(body).toHaveText(`${LEAD}${THEIRS}${LAST}`);
  await waitUntilSaved(page);

  // Saved: the stored story holds their paragraph under the conflict's block id, and a reload shows it.
  const stored = await callApi<{ body: SerializedDocument }>(copydesk, 'stories.get', { id: story.id });
  expect(stored.body.root.children.map((block) => block.type)).toEqual(['paragraph', 'paragraph', 'paragraph']);
  expect(stored.body.root.children[1]!.$).toEqual({ blockId: 'b000000000000000b' });
  await page.reload();
  await expect(storyBody(page)).toHaveText(`${LEAD}${THEIRS}${LAST}`);
  await expect(page.getByRole('group', { name: /^Conflict/ })).toHaveCount(0);

  // Submit now goes through.
  await move(page, 'Submit');
  await expect(workflowStatus(page)).toHaveText('Submitted');
});

test('Conflict block in a read-only history version: shown, the decisions switched off', async ({ page, copydesk }) => {
  const { merged } = mergeStories(version(BASE), version(MINE), version(THEIRS));
  const story = await callApi<{ id: string }>(copydesk, 'stories.create', { headline: HEADLINE });
  await callApi(copydesk, 'stories.save', { id: story.id, headline: HEADLINE, standfirst: '', body: merged.body });
  await callApi(copydesk, 'revisions.checkpoint', { storyId: story.id });

  await page.goto(copydesk.url);
  await page.getByRole('link', { name: new RegExp(HEADLINE) }).click();
  await page.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('complementary', { name: 'History' });
  await history.getByRole('list', { name: 'Checkpoints, newest first' }).getByRole('listitem').first().getByRole('button').click();
  const reader = history.getByRole('textbox', { name: 'Story body (read only)' });
  const conflict = reader.getByRole('group', { name: 'Conflict: two versions of this paragraph' });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('region', { name: 'Version on the hub' })).toContainText(THEIRS);
  for (const name of ['Keep mine', 'Keep theirs', 'Keep both']) await expect(conflict.getByRole('button', { name })).toBeDisabled();
});
