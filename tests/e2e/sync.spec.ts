import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { freshDataDir, startCopydesk, type RunningCopydesk } from '../support/webServer.ts';
import { expect, newStory, storyBody, test, waitUntilSaved } from './fixtures.ts';
import { connect, newsroomHub, PASSWORD, revokeSessions, startHub, stopHub, syncStatus, tryAgainUntil, VIVIAN } from './hub.ts';

// Connecting a workstation to the newsroom hub and working through a lost connection, in the UI:
// a real hub process (PGlite in a temp folder) and browser-mode workstations, nothing mocked.

/** Replaces the last `count` characters of the body's first paragraph (same block, same place). */
async function rewriteEnd(page: Page, count: number, text: string): Promise<void> {
  await storyBody(page).locator('p').first().click();
  await page.keyboard.press('End');
  for (let i = 0; i < count; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
  await waitUntilSaved(page);
  // Ctrl+S keeps a checkpoint: the change that goes into the outbox.
  await page.keyboard.press('Control+s');
}

test('Connect to newsroom: a wrong password is explained and nothing typed is lost; offline work waits and uploads when the hub is back', async ({
  page,
  copydesk,
}) => {
  test.setTimeout(120_000);
  const newsroom = await newsroomHub();
  let hub = newsroom.hub;
  try {
    await page.goto(copydesk.url);
    await expect(syncStatus(page)).toHaveText('Not connected');
    await page.screenshot({ path: test.info().outputPath('not-connected.png') });

    // Written before the workstation ever connected: it moves to the account and uploads.
    await newStory(page, 'Flood defences held overnight');
    await storyBody(page).click();
    await page.keyboard.type('The river peaked at 4.2 metres before dawn.');
    await waitUntilSaved(page);

    const dialog = page.getByRole('dialog', { name: 'Connect to newsroom' });
    await page.getByRole('button', { name: 'Connect to newsroom' }).click();
    await expect(dialog).toContainText('Stories written here as Test Admin move to the account you sign in with');
    await connect(page, hub.url, 'vyan', 'not the password');
    await expect(dialog.getByRole('alert')).toHaveText('The user name or password is not right.');
    await expect(dialog.getByRole('textbox', { name: 'Hub address' })).toHaveValue(hub.url);
    await expect(dialog.getByRole('textbox', { name: 'User name' })).toHaveValue('vyan');
    await expect(dialog.getByRole('textbox', { name: 'Password' })).toHaveValue('');
    await expect(dialog.getByRole('textbox', { name: 'Password' })).toBeFocused();
    await page.screenshot({ path: test.info().outputPath('connect-wrong-password.png') });

    // A hub that is not there: the backend's words, and the address stays to be corrected.
    const nowhere = `http://127.0.0.1:${hub.port === 1 ? 2 : 1}`;
    await connect(page, nowhere, 'vyan', PASSWORD);
    await expect(dialog.getByRole('alert')).toContainText(`The hub at ${nowhere}`);
    await expect(dialog.getByRole('alert')).toContainText(/be reached/);
    await expect(dialog.getByRole('textbox', { name: 'Hub address' })).toHaveValue(nowhere);
    await expect(syncStatus(page)).toHaveText('Not connected');

    await connect(page, hub.url, 'vyan', PASSWORD);
    await expect(dialog).toBeHidden();
    const who = page.getByRole('group', { name: 'Who is writing' });
    await expect(who).toContainText('Vivian Yan');
    await expect(who).toContainText('Reporter');
    await expect(page.getByRole('button', { name: 'Switch user' })).toBeHidden();
    await expect(syncStatus(page)).toHaveText('Up to date', { timeout: 20_000 });
    // What was typed before connecting is still in the story, and nothing is left to upload.
    await expect(storyBody(page)).toContainText('The river peaked at 4.2 metres before dawn.');
    await page.getByRole('button', { name: 'Show what will be uploaded' }).click();
    const preview = page.getByRole('dialog', { name: 'What will be uploaded' });
    await expect(preview).toContainText('Nothing waiting to upload.');
    await preview.getByRole('button', { name: 'Close' }).click();

    // The hub goes away; writing goes on, and the change waits.
    await stopHub(hub);
    await storyBody(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Crews worked through the night.');
    await waitUntilSaved(page);
    await page.keyboard.press('Control+s');
    await expect(syncStatus(page)).toHaveText(/^Offline — [1-9]\d* pending$/, { timeout: 20_000 });
    await syncStatus(page).focus();
    await expect(page.getByText(/Next attempt (in \d+ (s|min)|at \d\d:\d\d)|Trying again now/)).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('offline-pending.png') });
    await page.getByRole('button', { name: 'Show what will be uploaded' }).click();
    await expect(preview.getByRole('list', { name: 'Changes waiting to upload' })).toContainText('Flood defences held overnight');
    await preview.getByRole('button', { name: 'Close' }).click();
    // Still editable while offline.
    await expect(storyBody(page)).toHaveAttribute('contenteditable', 'true');

    hub = await startHub(hub.dataDir, hub.port);
    await tryAgainUntil(page, 'Up to date');
    await page.getByRole('button', { name: 'Show what will be uploaded' }).click();
    await expect(preview).toContainText('Nothing waiting to upload.');
    await preview.getByRole('button', { name: 'Close' }).click();

    // The hub ends the session (an admin revoked it): the next upload is refused, the status asks to sign in
    // again, and the change waits until then.
    await revokeSessions(hub, newsroom.adminToken, newsroom.ids[VIVIAN.username]!);
    await storyBody(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Schools stay shut.');
    await waitUntilSaved(page);
    await page.keyboard.press('Control+s');
    await expect(syncStatus(page)).toHaveText('Signed out — sign in again', { timeout: 20_000 });
    await page.screenshot({ path: test.info().outputPath('signed-out.png') });
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await expect(dialog.getByRole('textbox', { name: 'User name' })).toHaveValue('vyan');
    await dialog.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(syncStatus(page)).toHaveText('Up to date', { timeout: 20_000 });

    // Signing out asks first, says what happens to waiting changes, and leaves the workstation local.
    await page.getByRole('button', { name: 'Sign out of newsroom' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Sign out of newsroom?' });
    await expect(confirm).toContainText('Changes not yet uploaded stay on this workstation and upload after you sign in again.');
    await confirm.getByRole('button', { name: 'Sign out' }).click();
    await expect(syncStatus(page)).toHaveText('Not connected');
    await page.getByRole('button', { name: 'Connect to newsroom' }).click();
    await expect(dialog.getByRole('textbox', { name: 'Hub address' })).toHaveValue(hub.url.replace(/\/$/, ''));
    await expect(dialog.getByRole('textbox', { name: 'User name' })).toHaveValue('vyan');
  } finally {
    await stopHub(hub);
    rmSync(hub.dataDir, { recursive: true, force: true });
  }
});

test('Conflicts: the same sentence changed on two workstations offline is queued in Conflicts and opens with Keep mine / Keep theirs', async ({
  page,
  copydesk,
  browser,
}) => {
  test.setTimeout(150_000);
  let { hub } = await newsroomHub();
  let laptop: RunningCopydesk | null = null;
  try {
    // The desk workstation writes the story and uploads it.
    await page.goto(copydesk.url);
    await connect(page, hub.url, 'vyan', PASSWORD);
    await expect(syncStatus(page)).toHaveText('Up to date', { timeout: 20_000 });
    await newStory(page, 'Flood defences held overnight');
    await storyBody(page).click();
    await page.keyboard.type('The river peaked at 4.2 metres.');
    await waitUntilSaved(page);
    await page.keyboard.press('Control+s');
    await expect(syncStatus(page)).toHaveText('Up to date', { timeout: 20_000 });
    await page.getByRole('button', { name: 'Show what will be uploaded' }).click();
    await expect(page.getByRole('dialog', { name: 'What will be uploaded' })).toContainText('Nothing waiting to upload.');
    await page.getByRole('dialog', { name: 'What will be uploaded' }).getByRole('button', { name: 'Close' }).click();

    // Her laptop signs in as the same reporter and gets the story.
    laptop = await startCopydesk({ dataDir: freshDataDir('copydesk-e2e-laptop'), profile: { name: 'Laptop', role: 'reporter' } });
    const other = await browser.newPage();
    await other.goto(laptop.url);
    await connect(other, hub.url, 'vyan', PASSWORD);
    await expect(syncStatus(other)).toHaveText('Up to date', { timeout: 20_000 });
    await other.getByRole('link', { name: /Flood defences held overnight/ }).click();
    await expect(storyBody(other)).toContainText('The river peaked at 4.2 metres.');

    // The hub goes away; both change the same figure.
    await stopHub(hub);
    await rewriteEnd(page, 'metres.'.length + 4, '4.5 metres.');
    await rewriteEnd(other, 'metres.'.length + 4, '4.1 metres.');
    await expect(syncStatus(page)).toHaveText(/^Offline — [1-9]\d* pending$/, { timeout: 20_000 });
    await expect(syncStatus(other)).toHaveText(/^Offline — [1-9]\d* pending$/, { timeout: 20_000 });

    // Back: the desk uploads first; the laptop's change meets it and needs a person.
    hub = await startHub(hub.dataDir, hub.port);
    await tryAgainUntil(page, 'Up to date');
    await tryAgainUntil(other, '1 conflict');
    await expect(other.getByRole('link', { name: /^Conflicts/ })).toContainText('1');

    await other.getByRole('link', { name: /^Conflicts/ }).click();
    const queue = other.getByRole('region', { name: 'Conflicts' });
    await expect(queue.getByRole('heading', { name: 'Conflicts' })).toBeVisible();
    const row = queue.getByRole('link', { name: /Flood defences held overnight/ });
    await expect(row).toContainText('1 conflict block');
    await other.screenshot({ path: test.info().outputPath('conflicts-view.png') });

    await row.click();
    const body = storyBody(other);
    await expect(body).toContainText('4.5 metres.');
    await expect(body).toContainText('4.1 metres.');
    await body.getByRole('button', { name: 'Keep mine' }).click();
    await expect(body).toContainText('4.1 metres.');
    await expect(body).not.toContainText('4.5 metres.');
    await waitUntilSaved(other);

    await other.getByRole('link', { name: /^Conflicts/ }).click();
    await expect(queue).toContainText('No conflicts.');
    await expect(queue).toContainText('Stories that two people changed in the same place appear here.');
    await other.close();
  } finally {
    await laptop?.stop();
    await stopHub(hub);
    rmSync(hub.dataDir, { recursive: true, force: true });
  }
});

test('a new workstation can start with a newsroom account instead of a local profile', async ({ page }) => {
  test.setTimeout(90_000);
  const newsroom = await newsroomHub();
  const copydesk = await startCopydesk({ profile: null });
  try {
    await page.goto(copydesk.url);
    await expect(page.getByRole('heading', { name: 'Who is writing?' })).toBeVisible();
    await page.getByRole('button', { name: 'Connect to newsroom' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect to newsroom' });
    await connect(page, newsroom.hub.url, 'vyan', PASSWORD);
    await expect(dialog).toBeHidden();
    // The account is the person writing: no local profile was made.
    const who = page.getByRole('group', { name: 'Who is writing' });
    await expect(who).toContainText('Vivian Yan');
    await expect(who).toContainText('Reporter');
    await expect(syncStatus(page)).toHaveText('Up to date');
    await page.screenshot({ path: test.info().outputPath('first-run-connected.png') });
  } finally {
    await copydesk.stop();
    await stopHub(newsroom.hub);
  }
});
