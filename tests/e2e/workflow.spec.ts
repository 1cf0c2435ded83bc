import { startCopydesk } from '../support/webServer.ts';
import { addPerson, move, switchTo, workflowStatus } from './desk.ts';
import { expect, newStory, storyBody, test, waitUntilSaved } from './fixtures.ts';

const HEADLINE = 'Harbour ferries to run all night';

const status = workflowStatus;

test('a story moves through the desk: submit, review queue, request changes, resubmit, approve, publish; an intern may not publish', async ({
  page,
}) => {
  const copydesk = await startCopydesk({ profile: { name: 'Vivian Yan', role: 'reporter' } });
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(copydesk.url);

    // The reporter writes and submits.
    await newStory(page, HEADLINE);
    await storyBody(page).click();
    await page.keyboard.type('Ferries across the harbour will run through the night from May.');
    await waitUntilSaved(page);
    await expect(status(page)).toHaveAccessibleName('Status: Draft');
    // A reporter is never offered Publish: it is shown disabled, with the reason.
    const publish = page.getByRole('group', { name: 'Workflow' }).getByRole('button', { name: 'Publish' });
    await expect(publish).toHaveAttribute('aria-disabled', 'true');
    await expect(publish).toHaveAttribute('aria-description', 'Only editors can publish a story.');
    await move(page, 'Submit', 'Ready for the desk');
    await expect(status(page)).toHaveText('Submitted');
    await expect(status(page)).toHaveAccessibleName('Status: Submitted');
    // With the desk now: the editor is read-only for her, and says why.
    await expect(storyBody(page)).toHaveAttribute('contenteditable', 'false');
    await expect(page.getByRole('note').filter({ hasText: 'This story is with the desk.' })).toBeVisible();

    // An editor opens the review queue.
    await addPerson(page, 'Mei Chen', 'Editor');
    await page.getByRole('link', { name: 'Back to library' }).click();
    await page.getByRole('tab', { name: 'Review queue' }).click();
    await expect(page.getByRole('tab', { name: 'Review queue' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('link', { name: new RegExp(HEADLINE) })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('review-queue.png') });
    // Nothing waits for her sign-off: she supervises no intern.
    await page.getByRole('tab', { name: 'Needs my sign-off' }).click();
    await expect(page.getByText('Nothing is waiting for your sign-off.')).toBeVisible();
    await page.getByRole('tab', { name: 'Review queue' }).click();
    await page.getByRole('link', { name: new RegExp(HEADLINE) }).click();

    await move(page, 'Request changes', 'Say which piers the night ferries call at.');
    await expect(status(page)).toHaveText('Changes requested');
    await page.getByRole('button', { name: 'Timeline', exact: true }).click();
    const timeline = page.getByRole('complementary', { name: 'Timeline' });
    await expect(timeline.getByRole('listitem').first()).toContainText('Mei Chen');
    await expect(timeline.getByRole('listitem').first()).toContainText('Request changes');
    await expect(timeline.getByRole('listitem').first()).toContainText('Submitted → Changes requested');
    await expect(timeline.getByRole('listitem').first()).toContainText('Say which piers the night ferries call at.');
    await expect(timeline.getByRole('listitem').nth(1)).toContainText('Vivian Yan');
    await expect(timeline.getByRole('listitem').nth(1)).toContainText('Ready for the desk');
    await page.screenshot({ path: test.info().outputPath('timeline.png') });

    // The reporter rewrites and resubmits.
    await switchTo(page, 'Vivian Yan');
    await expect(storyBody(page)).toHaveAttribute('contenteditable', 'true');
    await storyBody(page).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' They call at Central and Tsim Sha Tsui.');
    await waitUntilSaved(page);
    await move(page, 'Submit', 'Named the piers');
    await expect(status(page)).toHaveText('Submitted');
    await expect(timeline.getByRole('listitem').first()).toContainText('Named the piers');

    // The editor approves and publishes.
    await switchTo(page, 'Mei Chen');
    await move(page, 'Approve');
    await expect(status(page)).toHaveText('Approved');
    await move(page, 'Publish');
    await expect(status(page)).toHaveAccessibleName('Status: Published');
    await expect(timeline.getByRole('listitem')).toHaveCount(5);

    // An intern opening the published story sees Publish disabled with the reason.
    await addPerson(page, 'Peng Qin', 'Intern', 'Vivian Yan (Reporter)');
    await expect(status(page)).toHaveText('Published');
    const internPublish = page.getByRole('group', { name: 'Workflow' }).getByRole('button', { name: 'Publish' });
    await expect(internPublish).toHaveAttribute('aria-disabled', 'true');
    await expect(internPublish).toHaveAttribute('aria-description', "Interns can't publish — your supervisor signs off first.");
    await internPublish.click({ force: true }); // refused: nothing opens
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(status(page)).toHaveText('Published');
    await page.screenshot({ path: test.info().outputPath('intern-published.png') });

    // The editor corrects it: unpublishing asks for the correction note, which is printed above the story.
    await switchTo(page, 'Mei Chen');
    await page.getByRole('group', { name: 'Workflow' }).getByRole('button', { name: 'Unpublish…' }).click();
    const unpublish = page.getByRole('dialog', { name: 'Unpublish or correct' });
    await unpublish.getByRole('button', { name: 'Unpublish', exact: true }).click();
    await expect(unpublish.getByRole('alert')).toContainText('A correction note is required');
    await unpublish.getByRole('textbox', { name: 'Correction note' }).fill('An earlier version gave the wrong start month.');
    await unpublish.getByRole('button', { name: 'Unpublish', exact: true }).click();
    await expect(unpublish).toBeHidden();
    await expect(status(page)).toHaveText('Approved');
    await expect(page.getByRole('complementary', { name: 'Correction' })).toContainText('An earlier version gave the wrong start month.');
    await page.getByRole('button', { name: 'Close timeline' }).click();
    await page.getByRole('complementary', { name: 'Correction' }).evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: test.info().outputPath('correction.png') });

    // The library's status filter finds it.
    await page.getByRole('link', { name: 'Back to library' }).click();
    await page.getByRole('combobox', { name: 'Filter by status' }).selectOption({ label: 'Approved' });
    await expect(page.getByRole('link', { name: new RegExp(HEADLINE) })).toBeVisible();
    await page.getByRole('combobox', { name: 'Filter by status' }).selectOption({ label: 'Spiked' });
    await expect(page.getByText('No stories match these filters.')).toBeVisible();
  } finally {
    await copydesk.stop();
  }
});
