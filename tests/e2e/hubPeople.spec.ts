import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { connect, newsroomHub, PASSWORD, stopHub, syncStatus, VIVIAN, type Hub, type HubPerson } from './hub.ts';

/*
 * Settings → People against a real hub process: the newsroom's first admin
 * connects a workstation and manages the accounts there — adds an intern
 * under a reporter, promotes someone, disables a person — and the hub's own
 * sign-in shows each change. A reporter on the same hub sees the reason
 * instead of the table.
 */

const MEI: HubPerson = { username: 'mchen', name: 'Mei Chen', role: 'reporter' };

const people = (page: Page) => page.getByRole('table', { name: 'People on the hub' });
/** A person's row (found by its Change button: a supervisor's name also shows in their interns' rows). */
const row = (page: Page, name: string) => people(page).getByRole('row').filter({ has: page.getByRole('button', { name: `Change ${name}` }) });
const peopleSection = (page: Page) => page.getByRole('region', { name: 'People' });

/** The hub's answer to signing in: 200, 401 (wrong password) or 403 (disabled). */
async function signInStatus(hub: Hub, username: string, password: string = PASSWORD): Promise<number> {
  const response = await fetch(new URL('v1/auth/login', hub.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return response.status;
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
}

test('an admin manages the newsroom’s people from Settings: adds an intern under a reporter, changes a role, disables someone', async ({ page, copydesk }) => {
  test.setTimeout(90_000);
  const { hub } = await newsroomHub([VIVIAN, MEI]);
  try {
    await page.goto(copydesk.url);
    await openSettings(page);
    await expect(peopleSection(page)).toContainText('People are managed on the newsroom hub. Connect to the newsroom to manage them.');
    await expect(people(page)).toBeHidden();

    await connect(page, hub.url, 'desk');
    await expect(syncStatus(page)).toHaveText('Up to date', { timeout: 20_000 });
    await openSettings(page);
    await expect(row(page, 'Vivian Yan')).toContainText('vyan');
    await expect(row(page, 'Vivian Yan')).toContainText('Reporter');
    await expect(row(page, 'Desk Admin')).toContainText('You');

    // An intern needs a supervisor, and a password the hub accepts: both said before anything is sent.
    const add = page.getByRole('form', { name: 'Add person' });
    await add.getByRole('textbox', { name: 'Name', exact: true }).fill('Ivy Lam');
    await add.getByRole('textbox', { name: 'User name' }).fill('ilam');
    await add.getByRole('combobox', { name: 'Role' }).selectOption('intern');
    await add.getByLabel('Initial password').fill('harbour lights at dusk');
    await add.getByRole('button', { name: 'Add person' }).click();
    await expect(add.getByRole('alert')).toHaveText('Not added: Choose the supervisor who signs off this intern’s work.');
    await add.getByRole('combobox', { name: 'Supervisor' }).selectOption({ label: 'Vivian Yan (Reporter)' });
    await add.getByLabel('Initial password').fill('ilam2026');
    await add.getByRole('button', { name: 'Add person' }).click();
    await expect(add.getByRole('alert')).toHaveText('Not added: The password must be at least 10 characters long.');
    await add.getByLabel('Initial password').fill('harbour lights at dusk');
    await add.getByRole('button', { name: 'Add person' }).click();
    await expect(row(page, 'Ivy Lam')).toContainText('Intern');
    await expect(row(page, 'Ivy Lam')).toContainText('Vivian Yan');
    await expect(add.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('');
    expect(await signInStatus(hub, 'ilam', 'harbour lights at dusk')).toBe(200);

    // A user name already taken: the hub's words, and the form keeps what was typed.
    await add.getByRole('textbox', { name: 'Name', exact: true }).fill('Another Vivian');
    await add.getByRole('textbox', { name: 'User name' }).fill('vyan');
    await add.getByLabel('Initial password').fill('harbour lights at dusk');
    await add.getByRole('button', { name: 'Add person' }).click();
    await expect(add.getByRole('alert')).toHaveText('Not added: The user name "vyan" is taken. Choose another.');
    await expect(add.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Another Vivian');
    await add.getByRole('textbox', { name: 'Name', exact: true }).fill('');
    await add.getByRole('textbox', { name: 'User name' }).fill('');
    await add.getByLabel('Initial password').fill('');

    // Mei Chen becomes an editor.
    await row(page, 'Mei Chen').getByRole('button', { name: 'Change Mei Chen' }).click();
    const details = page.getByRole('form', { name: 'Name, role and supervisor of Mei Chen' });
    await details.getByRole('combobox', { name: 'Role' }).selectOption('editor');
    await details.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Saved. Mei Chen is now an editor.')).toBeVisible();
    await expect(row(page, 'Mei Chen')).toContainText('Editor');
    await page.getByRole('button', { name: 'Close', exact: true }).click();

    // Vivian supervises Ivy: the hub will not disable her until Ivy has another supervisor.
    await row(page, 'Vivian Yan').getByRole('button', { name: 'Change Vivian Yan' }).click();
    await page.getByRole('button', { name: 'Disable account' }).click();
    await expect(peopleSection(page).getByRole('alert')).toHaveText('Not changed: Vivian Yan supervises 1 intern. Give them another supervisor first.');
    await page.getByRole('button', { name: 'Close', exact: true }).click();

    await row(page, 'Ivy Lam').getByRole('button', { name: 'Change Ivy Lam' }).click();
    const ivy = page.getByRole('form', { name: 'Name, role and supervisor of Ivy Lam' });
    await ivy.getByRole('combobox', { name: 'Supervisor' }).selectOption({ label: 'Mei Chen (Editor)' });
    await ivy.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Saved. Ivy Lam is now an intern supervised by Mei Chen.')).toBeVisible();
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(row(page, 'Ivy Lam')).toContainText('Mei Chen');

    await row(page, 'Vivian Yan').getByRole('button', { name: 'Change Vivian Yan' }).click();
    await page.getByRole('button', { name: 'Disable account' }).click();
    await expect(page.getByText('Vivian Yan is disabled and was signed out everywhere.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Enable account' })).toBeVisible();
    await expect(row(page, 'Vivian Yan')).toContainText('Disabled');
    expect(await signInStatus(hub, 'vyan')).toBe(403);
    await people(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('people.png') });
    await page.getByRole('button', { name: 'Close', exact: true }).click();

    // What the hub has is what a fresh look at the section shows.
    await page.reload();
    await openSettings(page);
    await expect(row(page, 'Vivian Yan')).toContainText('Disabled');
    await expect(row(page, 'Mei Chen')).toContainText('Editor');
    await expect(row(page, 'Ivy Lam')).toContainText('Mei Chen');
  } finally {
    await stopHub(hub);
  }
});

test('a reporter connected to the hub sees why People is not theirs to manage', async ({ page, copydesk }) => {
  test.setTimeout(60_000);
  const { hub } = await newsroomHub([VIVIAN]);
  try {
    await page.goto(copydesk.url);
    await connect(page, hub.url, 'vyan');
    await expect(syncStatus(page)).toHaveText('Up to date', { timeout: 20_000 });
    await openSettings(page);
    await expect(peopleSection(page).getByRole('note')).toHaveText(
      'Only admins manage people, roles and supervisors. Ask an admin to add someone or change a role or supervisor.',
    );
    await expect(people(page)).toBeHidden();
    await expect(page.getByRole('form', { name: 'Add person' })).toBeHidden();
    await peopleSection(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('people-reporter.png') });
  } finally {
    await stopHub(hub);
  }
});
