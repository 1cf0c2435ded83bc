import { join } from 'node:path';
import { move, workflowStatus } from './desk.ts';
import { expect, newStory, storyBody, test, waitUntilSaved } from './fixtures.ts';
import { syncStatus, twoDesks } from './hub.ts';

/*
 * Pictures travel with the stories: the reporter inserts a photo into her
 * story and submits it; on the editor's workstation, which has never seen
 * the file, the figure shows the picture itself, not "missing".
 */

const PHOTO = join(process.cwd(), '..', 'shared', 'fixtures', 'images', 'chongqing-night-iptc.jpg');
const HEADLINE = 'Chongqing lights up the river';
const ALT = 'City skyline lit up at night over the river';

test('a figure added on one desk shows its picture on the other after sync', async ({ browser }) => {
  test.setTimeout(90_000);
  const { reporter, editor, close } = await twoDesks(browser, 'figures');
  try {
    await newStory(reporter, HEADLINE);
    await storyBody(reporter).click();
    await reporter.keyboard.type('The city lights up after dark.');
    const chooser = reporter.waitForEvent('filechooser');
    await reporter.getByRole('button', { name: 'Insert image' }).click();
    await (await chooser).setFiles(PHOTO);
    await expect(reporter.getByRole('figure', { name: 'Figure' }).getByRole('img', { name: ALT })).toBeVisible();
    await waitUntilSaved(reporter);
    await move(reporter, 'Submit', 'Ready for the desk');
    await expect(workflowStatus(reporter)).toHaveText('Submitted');
    await expect(syncStatus(reporter)).toHaveText('Up to date', { timeout: 20_000 });

    await editor.getByRole('tab', { name: 'Review queue' }).click();
    const queued = editor.getByRole('link', { name: new RegExp(HEADLINE) });
    await expect(queued).toBeVisible({ timeout: 20_000 });
    await queued.click();
    const figure = editor.getByRole('figure', { name: 'Figure' });
    await expect(figure).toHaveCount(1);
    await expect(figure).not.toContainText('missing');
    const img = figure.getByRole('img', { name: ALT });
    // The editor's own media folder serves the picture's rendition, and it really loads.
    await expect(img).toHaveAttribute('src', /\/media\/[0-9a-f]{64}\?variant=r1600&token=/);
    await expect.poll(() => img.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(1200);
    await expect(syncStatus(editor)).toHaveText('Up to date');
    await img.scrollIntoViewIfNeeded();
    await editor.screenshot({ path: test.info().outputPath('editor-figure-from-hub.png') });
  } finally {
    await close();
  }
});
