import { expect, newStory, storyBody, test, waitUntilSaved } from './fixtures.ts';
import { tryAgainUntil, twoDesks } from './hub.ts';

/*
 * A header field changed on two workstations at once: the reporter rewrites
 * the headline offline while the editor rewrites it on the hub. When her
 * network is back her workstation merges, keeps her headline and shows both
 * in a "Field conflicts" banner above the story; she keeps the editor's, and
 * both workstations end with it.
 */

const FIRST = 'Harbour ferries to run at night';
const HERS = 'Night ferries to cross the harbour from May';
const EDITORS = 'Harbour gets all-night ferries from May';

test('a headline changed on both workstations is listed with both values; “Keep theirs” takes the newsroom’s and both end the same', async ({ browser }) => {
  test.setTimeout(90_000);
  const { cable, reporter, editor, close } = await twoDesks(browser, 'fields');
  try {
    // The reporter's story, checkpointed and on the hub; the editor opens it on her workstation.
    await newStory(reporter, FIRST);
    await storyBody(reporter).click();
    await reporter.keyboard.type('Ferries will run through the night from May.');
    await waitUntilSaved(reporter);
    await reporter.keyboard.press('ControlOrMeta+s');
    await tryAgainUntil(reporter, 'Up to date');
    const storyUrl = new URL(reporter.url());
    const editorHome = editor.url().split('#')[0]!;
    await editor.goto(`${editorHome}${storyUrl.hash}`);
    await expect(async () => {
      // Opening the same address again changes nothing: reload until the story has reached her workstation.
      await editor.reload();
      await expect(editor.getByRole('textbox', { name: 'Headline' })).toHaveValue(FIRST, { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });

    // Offline, she rewrites the headline; meanwhile the editor rewrites it too, and it reaches the hub.
    await cable.unplug();
    await reporter.getByRole('textbox', { name: 'Headline' }).fill(HERS);
    await waitUntilSaved(reporter);
    await editor.getByRole('textbox', { name: 'Headline' }).fill(EDITORS);
    await waitUntilSaved(editor);
    await editor.keyboard.press('ControlOrMeta+s');
    await tryAgainUntil(editor, 'Up to date');

    // Back online: her workstation merges, keeps her headline and asks her to choose.
    await cable.plugIn();
    const banner = reporter.getByRole('region', { name: 'Field conflicts' });
    await expect(async () => {
      const tryAgain = reporter.getByRole('button', { name: 'Try again' });
      if (await tryAgain.isVisible()) await tryAgain.click({ timeout: 2_000 });
      await expect(banner).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 30_000 });
    const headline = banner.getByRole('listitem', { name: 'Headline' });
    await expect(headline).toContainText(HERS);
    await expect(headline).toContainText(EDITORS);
    await expect(reporter.getByRole('textbox', { name: 'Headline' })).toHaveValue(HERS);
    await banner.scrollIntoViewIfNeeded();
    await reporter.screenshot({ path: test.info().outputPath('field-conflict-banner.png') });

    await headline.getByRole('button', { name: 'Keep theirs' }).click();
    await expect(banner).toBeHidden();
    await expect(reporter.getByRole('textbox', { name: 'Headline' })).toHaveValue(EDITORS);
    await tryAgainUntil(reporter, 'Up to date');
    await expect(editor.getByRole('textbox', { name: 'Headline' })).toHaveValue(EDITORS);
    await expect(editor.getByRole('region', { name: 'Field conflicts' })).toHaveCount(0);
  } finally {
    await close();
  }
});
