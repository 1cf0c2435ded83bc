import { callApi } from '../support/webServer.ts';
import { highlighted, selectInBody } from './desk.ts';
import { expect, newStory, storyBody, test, waitUntilSaved } from './fixtures.ts';

const SENTENCE = 'The council voted on Tuesday to close the old bridge for repairs.';

test('Comments: a comment on a phrase stays on it while the sentence is rewritten, and is kept when the phrase is gone', async ({ page, copydesk }) => {
  await callApi(copydesk, 'people.create', { name: 'Vivian Yan' });
  await page.goto(copydesk.url);
  await newStory(page, 'Bridge closure');
  const body = storyBody(page);
  await body.click();
  await page.keyboard.type(SENTENCE);
  await waitUntilSaved(page);

  // Select a phrase → Comment → write, with an @mention from the directory → Post comment.
  await selectInBody(page, 'close the old bridge');
  await page.getByRole('button', { name: 'Comment', exact: true }).click();
  const comments = page.getByRole('complementary', { name: 'Comments' });
  const box = comments.getByRole('textbox', { name: 'Comment' });
  await expect(box).toBeFocused();
  await box.pressSequentially('Which bridge? Ask @Viv');
  await comments.getByRole('option', { name: 'Vivian Yan' }).click();
  await box.pressSequentially('to name it.');
  await comments.getByRole('button', { name: 'Post comment' }).click();

  const thread = comments.getByRole('article', { name: /^Comment by Test Admin on “close the old bridge”/ });
  await expect(thread).toContainText('Which bridge? Ask @Vivian Yan to name it.');
  await expect(thread.getByText('@Vivian Yan')).toHaveClass(/comment__mention/);
  await expect.poll(() => highlighted(page)).toEqual(['close the old bridge']);

  // Rewrite the sentence around the phrase: before it, after it, and the words just before it.
  await selectInBody(page, 'The council voted on Tuesday to');
  await page.keyboard.type('After a long debate, councillors agreed to');
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' It reopens in May.');
  await expect(body).toHaveText('After a long debate, councillors agreed to close the old bridge for repairs. It reopens in May.');
  await expect.poll(() => highlighted(page)).toEqual(['close the old bridge']);
  await waitUntilSaved(page);

  // After a reload the comment is still on the same words.
  await page.reload();
  await expect(body).toHaveText('After a long debate, councillors agreed to close the old bridge for repairs. It reopens in May.');
  await expect(thread).toBeVisible();
  await expect.poll(() => highlighted(page)).toEqual(['close the old bridge']);

  // The library counts the open thread.
  await page.getByRole('link', { name: 'Back to library' }).click();
  const row = page.getByRole('list', { name: 'Stories' }).getByRole('listitem').filter({ hasText: 'Bridge closure' });
  await expect(row.getByText('1 comment')).toBeVisible();
  await row.getByRole('link', { name: 'Bridge closure' }).click();

  // Reply, resolve, reopen.
  await thread.getByRole('textbox', { name: 'Reply' }).fill('The Jialing bridge, upstream.');
  await thread.getByRole('button', { name: 'Reply' }).click();
  await expect(thread.getByRole('list', { name: 'Replies' })).toContainText('The Jialing bridge, upstream.');
  await thread.getByRole('button', { name: 'Resolve' }).click();
  const resolved = comments.getByRole('region', { name: 'Resolved' });
  await expect(resolved.getByRole('article')).toContainText('Which bridge?');
  await expect.poll(() => highlighted(page)).toEqual([]);
  await resolved.getByRole('button', { name: 'Reopen' }).click();
  await expect(resolved).toBeHidden();
  await expect(thread.getByRole('button', { name: 'Resolve' })).toBeVisible();
  await expect.poll(() => highlighted(page)).toEqual(['close the old bridge']);

  // Delete the phrase: the thread stays, under "No longer in the text", with its quote.
  await selectInBody(page, 'close the old bridge ');
  await page.keyboard.press('Backspace');
  await expect(body).toHaveText('After a long debate, councillors agreed to for repairs. It reopens in May.');
  const gone = comments.getByRole('region', { name: 'No longer in the text' });
  await expect(gone.getByRole('article')).toContainText('close the old bridge');
  await expect(gone.getByRole('article')).toContainText('Which bridge?');
  await expect.poll(() => highlighted(page)).toEqual([]);
  await waitUntilSaved(page);
  await page.reload();
  await expect(gone.getByRole('article')).toContainText('close the old bridge');
  await expect(gone.getByRole('article')).toContainText('The Jialing bridge, upstream.');
});

test('Comments: Ctrl+Alt+M comments on the selection; an empty comment is refused and nothing typed is lost', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await newStory(page, 'Keyboard comments');
  await storyBody(page).click();
  await page.keyboard.type('重庆市政府周二宣布，将在西部地区试点服务业扩大开放。');
  await waitUntilSaved(page);
  await selectInBody(page, '服务业扩大开放');
  await page.keyboard.press('ControlOrMeta+Alt+m');
  const comments = page.getByRole('complementary', { name: 'Comments' });
  const box = comments.getByRole('textbox', { name: 'Comment' });
  await expect(box).toBeFocused();
  await comments.getByRole('button', { name: 'Post comment' }).click();
  await expect(comments.getByRole('alert')).toHaveText('Write a comment first.');
  await box.fill('需要核实数据来源');
  await box.press('ControlOrMeta+Enter');
  await expect(comments.getByRole('article', { name: /“服务业扩大开放”/ })).toContainText('需要核实数据来源');
  await expect.poll(() => highlighted(page)).toEqual(['服务业扩大开放']);
});
