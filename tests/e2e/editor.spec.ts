import { startCopydesk } from '../support/webServer.ts';
import { editorStatus, expect, newStory, storyBody, test, waitUntilSaved } from './fixtures.ts';

test('a formatted story survives a reload and a full restart', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await newStory(page, 'Chongqing pilots service industry opening');
  await page.getByRole('textbox', { name: 'Standfirst' }).fill('The city tests rules for health care and legal services.');

  const body = storyBody(page);
  await body.click();
  await page.keyboard.type('Chongqing was chosen as a ');
  await page.keyboard.press('ControlOrMeta+b');
  await page.keyboard.type('pilot city');
  await page.keyboard.press('ControlOrMeta+b');
  await page.keyboard.type(' for the ');
  await page.keyboard.press('ControlOrMeta+i');
  await page.keyboard.type('service sector');
  await page.keyboard.press('ControlOrMeta+i');
  await page.keyboard.type('.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('## Health Care');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- Foreign-owned hospitals');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Telemedicine pilots');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('> Opening up is a process, not an event.');

  await waitUntilSaved(page);
  await expect(editorStatus(page)).toContainText('words');

  const expectStory = async () => {
    await expect(page.getByRole('textbox', { name: 'Headline' })).toHaveValue('Chongqing pilots service industry opening');
    await expect(page.getByRole('textbox', { name: 'Standfirst' })).toHaveValue(
      'The city tests rules for health care and legal services.',
    );
    const editor = storyBody(page);
    await expect(editor.locator('strong', { hasText: 'pilot city' })).toBeVisible();
    await expect(editor.locator('em', { hasText: 'service sector' })).toBeVisible();
    await expect(editor.locator('h2', { hasText: 'Health Care' })).toBeVisible();
    await expect(editor.locator('ul > li')).toHaveText(['Foreign-owned hospitals', 'Telemedicine pilots']);
    await expect(editor.locator('blockquote')).toHaveText('Opening up is a process, not an event.');
  };

  await page.reload();
  await expectStory();

  // Close everything: the server goes away and a new one opens the same data.
  const storyPath = new URL(page.url()).hash;
  await page.close();
  await copydesk.stop();
  const again = await startCopydesk({ dataDir: copydesk.dataDir });
  try {
    const fresh = await page.context().newPage();
    await fresh.goto(again.url + storyPath);
    await expect(fresh.getByRole('textbox', { name: 'Headline' })).toHaveValue('Chongqing pilots service industry opening');
    await expect(storyBody(fresh).locator('strong', { hasText: 'pilot city' })).toBeVisible();
    await expect(storyBody(fresh).locator('ul > li')).toHaveCount(2);
  } finally {
    await again.stop();
  }
});

test('Ctrl+S saves at once and the status says when', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await newStory(page, 'Budget vote');
  await storyBody(page).click();
  await page.keyboard.type('The council met on Tuesday.');
  await page.keyboard.press('ControlOrMeta+s');
  await waitUntilSaved(page);
  await expect(editorStatus(page)).toContainText('5 words');
});

test('a link that is not http, https or mailto is refused with a message', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await newStory(page, 'Links');
  await storyBody(page).click();
  await page.keyboard.type('Read the report here');
  await page.keyboard.press('Shift+Home');

  await page.getByRole('button', { name: 'Link', exact: true }).click();
  await page.getByRole('textbox', { name: 'Link address' }).fill('javascript:alert(document.cookie)');
  await page.getByRole('textbox', { name: 'Link address' }).press('Enter');
  await expect(page.getByRole('alert')).toContainText(/http/);
  await expect(storyBody(page).locator('a')).toHaveCount(0);
  await expect(storyBody(page)).toHaveText('Read the report here');

  // A proper address is accepted.
  await page.getByRole('textbox', { name: 'Link address' }).fill('https://example.org/report');
  await page.getByRole('textbox', { name: 'Link address' }).press('Enter');
  await expect(storyBody(page).locator('a')).toHaveAttribute('href', 'https://example.org/report');
});

test('pasted HTML is sanitized before it reaches the story', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await newStory(page, 'Paste');
  await storyBody(page).click();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData(
      'text/html',
      '<p>Safe <b>bold</b> text<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"></p>' +
        '<p><a href="javascript:window.__pwned=3">click</a> <a href="https://example.org/">ok link</a></p>',
    );
    data.setData('text/plain', 'Safe bold text');
    const target = document.querySelector('[aria-label="Story body"]')!;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  const body = storyBody(page);
  await expect(body.locator('strong', { hasText: 'bold' })).toBeVisible();
  await expect(body).toContainText('ok link');
  await expect(body.locator('img, script')).toHaveCount(0);
  await expect(body.locator('a')).toHaveCount(1);
  await expect(body.locator('a')).toHaveAttribute('href', 'https://example.org/');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
