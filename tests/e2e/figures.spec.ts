import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, newStory, storyBody, test, waitUntilSaved } from './fixtures.ts';

const IMAGES = join(process.cwd(), '..', 'shared', 'fixtures', 'images');
const image = (name: string) => join(IMAGES, name);

/** Chooses a file through the toolbar's "Insert image" button and the system file picker. */
async function insertImage(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Insert image' }).click();
  await (await chooser).setFiles(file);
}

const figures = (page: Page) => page.getByRole('figure', { name: 'Figure' });

test('an image from the file picker becomes a figure with its embedded caption and credit, kept across a reload', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await newStory(page, 'Chongqing at night');
  await storyBody(page).click();
  await page.keyboard.type('The city lights up after dark.');

  await insertImage(page, image('chongqing-night-iptc.jpg'));
  const figure = figures(page);
  await expect(figure).toHaveCount(1);
  // Pre-filled from the photo's IPTC/XMP metadata.
  await expect(figure.getByRole('textbox', { name: 'Caption' })).toHaveText('A picture of Chongqing at night.');
  await expect(figure.getByRole('textbox', { name: 'Credit' })).toHaveValue('iChongqing');
  await expect(figure.getByRole('textbox', { name: 'Alt text' })).toHaveValue('City skyline lit up at night over the river');
  await expect(figure).toContainText('A picture of Chongqing at night. (iChongqing)');
  // The editor shows the downscaled rendition, and it really loads.
  const img = figure.getByRole('img', { name: 'City skyline lit up at night over the river' });
  await expect(img).toHaveAttribute('src', /\/media\/[0-9a-f]{64}\?variant=r1600&token=/);
  await expect.poll(() => img.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(1200);

  // Edit the caption: new words and a bold one.
  const caption = figure.getByRole('textbox', { name: 'Caption' });
  await caption.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' The Yangtze meets the ');
  await page.keyboard.press('ControlOrMeta+b');
  await page.keyboard.type('Jialing');
  await page.keyboard.press('ControlOrMeta+b');
  await page.keyboard.type('.');
  await figure.getByRole('textbox', { name: 'Credit' }).fill('iChongqing/ Vivian Yan');
  // Typing in the caption did not leak into the story text.
  await expect(storyBody(page).locator('p', { hasText: 'The city lights up after dark.' })).toHaveText('The city lights up after dark.');
  await waitUntilSaved(page);

  await page.reload();
  const reloaded = figures(page);
  await expect(reloaded.getByRole('textbox', { name: 'Caption' })).toHaveText('A picture of Chongqing at night. The Yangtze meets the Jialing.');
  await expect(reloaded.getByRole('textbox', { name: 'Caption' }).locator('b')).toHaveText('Jialing');
  await expect(reloaded.getByRole('textbox', { name: 'Credit' })).toHaveValue('iChongqing/ Vivian Yan');
  await expect(reloaded).toContainText('A picture of Chongqing at night. The Yangtze meets the Jialing. (iChongqing/ Vivian Yan)');
  await expect(storyBody(page)).toContainText('The city lights up after dark.');
});

test('a text file named .jpg and a truncated JPEG are refused with a message, and the story is untouched', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await newStory(page, 'Bad pictures');
  await storyBody(page).click();
  await page.keyboard.type('Nothing here should change.');
  await waitUntilSaved(page);
  const before = await storyBody(page).innerHTML();

  await insertImage(page, image('not-an-image.jpg'));
  await expect(page.getByRole('alert')).toHaveText(
    /“not-an-image\.jpg” is not an image Copydesk can use \(it looks like text\)\. Choose a JPEG, PNG, WebP or GIF file\./,
  );
  await expect(figures(page)).toHaveCount(0);
  expect(await storyBody(page).innerHTML()).toBe(before);

  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);

  await insertImage(page, image('truncated.jpg'));
  await expect(page.getByRole('alert')).toContainText('“truncated.jpg” is damaged or incomplete');
  await expect(figures(page)).toHaveCount(0);
  expect(await storyBody(page).innerHTML()).toBe(before);

  // And nothing reached the stored story either.
  await page.reload();
  await expect(storyBody(page)).toHaveText('Nothing here should change.');
  await expect(figures(page)).toHaveCount(0);
});

test('removing a figure is undone with Ctrl+Z; a PNG without metadata gets empty fields', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await newStory(page, 'Undo a removal');
  await storyBody(page).click();
  await page.keyboard.type('Before the picture.');

  await insertImage(page, image('no-metadata.png'));
  const figure = figures(page);
  await expect(figure).toHaveCount(1);
  await expect(figure.getByRole('textbox', { name: 'Credit' })).toHaveValue('');
  await expect(figure.getByRole('textbox', { name: 'Alt text' })).toHaveValue('');
  await figure.getByRole('textbox', { name: 'Alt text' }).fill('A grey test card');

  await figure.getByRole('button', { name: 'Remove figure' }).click();
  await expect(figures(page)).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(figures(page)).toHaveCount(1);
  await expect(figures(page).getByRole('textbox', { name: 'Alt text' })).toHaveValue('A grey test card');
  await expect(figures(page).getByRole('img', { name: 'A grey test card' })).toBeVisible();
});

test('replacing the image keeps the caption the reporter wrote, and undo brings the old image back', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await newStory(page, 'Replace a picture');
  await storyBody(page).click();

  await insertImage(page, image('no-metadata.png'));
  const figure = figures(page);
  await figure.getByRole('textbox', { name: 'Caption' }).click();
  await page.keyboard.type('Our own caption.');
  // No alt text yet, so the picture is presentational to assistive technology; find it as an element.
  const picture = figure.locator('img');
  const firstSrc = await picture.getAttribute('src');

  const chooser = page.waitForEvent('filechooser');
  await figure.getByRole('button', { name: 'Replace image' }).click();
  await (await chooser).setFiles(image('chongqing-night-iptc.jpg'));
  await expect(figure.getByRole('img', { name: 'City skyline lit up at night over the river' })).not.toHaveAttribute('src', firstSrc!);
  await expect(figure.getByRole('textbox', { name: 'Caption' })).toHaveText('Our own caption.');
  // Empty fields were filled from the new photo's metadata.
  await expect(figure.getByRole('textbox', { name: 'Credit' })).toHaveValue('iChongqing');

  // Undo from the story text (the paragraph after the figure) brings the first image back.
  await storyBody(page).locator('p.body-p').last().click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(picture).toHaveAttribute('src', firstSrc!);
  await expect(figure.getByRole('textbox', { name: 'Credit' })).toHaveValue('');
});

test('dropping and pasting picture files add figures through the same checks', async ({ page, copydesk }) => {
  await page.goto(copydesk.url);
  await newStory(page, 'Dropped and pasted');
  await storyBody(page).click();
  await page.keyboard.type('First paragraph.');

  const base64 = readFileSync(image('chongqing-night-iptc.jpg')).toString('base64');
  // A DataTransfer holding a real file, as the browser builds one for a drop or a paste.
  const files = (name: string, data: string) =>
    page.evaluateHandle(
      ({ name, data }) => {
        const transfer = new DataTransfer();
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], name, { type: 'image/jpeg' }));
        return transfer;
      },
      { name, data },
    );

  await storyBody(page).locator('p.body-p').first().dispatchEvent('drop', { dataTransfer: await files('dropped.jpg', base64) });
  await expect(figures(page)).toHaveCount(1);
  await expect(figures(page).getByRole('textbox', { name: 'Credit' })).toHaveValue('iChongqing');

  await storyBody(page).locator('p.body-p').last().click();
  const pasted = await files('clipboard.jpg', base64);
  await storyBody(page).evaluate((element, transfer) => {
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, pasted);
  await expect(figures(page)).toHaveCount(2);

  // A pasted text file posing as a picture is refused like a chosen one.
  const text = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['this is not an image'], 'notes.jpg', { type: 'image/jpeg' }));
    return transfer;
  });
  await storyBody(page).evaluate((element, transfer) => {
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, text);
  await expect(page.getByRole('alert')).toContainText('“notes.jpg” is not an image Copydesk can use (it looks like text).');
  await expect(figures(page)).toHaveCount(2);
  await expect(storyBody(page).locator('p.body-p').first()).toHaveText('First paragraph.');
});
