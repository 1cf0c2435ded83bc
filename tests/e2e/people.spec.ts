import { startCopydesk } from '../support/webServer.ts';
import { addPerson, switchTo } from './desk.ts';
import { expect, newStory, storyBody, test, waitUntilSaved } from './fixtures.ts';

// People and roles on the workstation: first run asks who is writing, "Switch user" changes profile,
// and the UI reflects the permission policy with its reasons (the backend enforces it).
test('first run asks who is writing; an intern sees why they cannot trash a reporter’s story and edits it only as a proposal', async ({ page }) => {
  const copydesk = await startCopydesk({ profile: null });
  try {
    await page.goto(copydesk.url);
    await expect(page.getByRole('heading', { name: 'Who is writing?' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('first-run.png') });

    // An intern needs a supervisor, and there is nobody yet: the form says so and keeps the name.
    await page.getByRole('textbox', { name: 'Your name' }).fill('Peng Qin');
    await page.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Intern' });
    await expect(page.getByRole('combobox', { name: 'Supervisor' })).toBeVisible();
    await page.getByRole('button', { name: 'Start writing' }).click();
    await expect(page.getByRole('alert')).toContainText('Add the supervising reporter or editor first');
    await expect(page.getByRole('textbox', { name: 'Your name' })).toHaveValue('Peng Qin');

    await page.getByRole('textbox', { name: 'Your name' }).fill('Vivian Yan');
    await page.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Reporter' });
    await page.getByRole('button', { name: 'Start writing' }).click();
    const who = page.getByRole('group', { name: 'Who is writing' });
    await expect(who).toContainText('Vivian Yan');
    await expect(who).toContainText('Reporter');

    await newStory(page, 'Chongqing pilots service reforms');
    await storyBody(page).click();
    await page.keyboard.type('The pilot covers health care and culture.');
    await waitUntilSaved(page);

    // Settings are the admin's: a reporter reads them, with the reason on the disabled form.
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('note')).toContainText('Only admins change publication settings.');
    await expect(page.getByRole('button', { name: 'Add sector' })).toBeDisabled();
    await page.screenshot({ path: test.info().outputPath('settings-reporter.png') });

    // Switch user → Add a person… → the intern, supervised by Vivian.
    await page.getByRole('button', { name: 'Switch user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Switch user' });
    await expect(dialog).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('switch-user.png') });
    await dialog.getByRole('button', { name: 'Add a person…' }).click();
    const adding = page.getByRole('dialog', { name: 'Add a person' });
    await adding.getByRole('textbox', { name: 'Name' }).fill('Peng Qin');
    await adding.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Intern' });
    await adding.getByRole('combobox', { name: 'Supervisor' }).selectOption({ label: 'Vivian Yan (Reporter)' });
    await adding.getByRole('button', { name: 'Add and switch' }).click();
    await expect(who).toContainText('Peng Qin');
    await expect(who).toContainText('Intern');

    // Vivian's story: the intern may not edit or trash it, and is told why; what he writes becomes a proposal.
    await page.getByRole('link', { name: 'Library' }).click();
    const rowTrash = page.getByRole('button', { name: 'Move to trash' }).first();
    await expect(rowTrash).toHaveAttribute('aria-disabled', 'true');
    await expect(rowTrash).toHaveAttribute('aria-description', "Interns can't delete other people's work.");
    await page.getByRole('link', { name: /Chongqing pilots service reforms/ }).click();
    await expect(page.getByRole('note').filter({ hasText: "You're proposing changes to Vivian Yan's story." })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send proposal' })).toBeVisible();
    const trash = page.getByRole('button', { name: 'Move to trash' });
    await expect(trash).toHaveAttribute('aria-description', "Interns can't delete other people's work.");
    await trash.click({ force: true }); // aria-disabled: Playwright would wait for it to be enabled
    await expect(page.getByRole('textbox', { name: 'Headline' })).toHaveValue('Chongqing pilots service reforms');
    await page.screenshot({ path: test.info().outputPath('intern-view.png') });

    // Back to Vivian: her story is hers to edit again.
    await page.getByRole('button', { name: 'Switch user' }).click();
    await page.getByRole('dialog', { name: 'Switch user' }).getByRole('button', { name: /Vivian Yan/ }).click();
    await expect(who).toContainText('Vivian Yan');
    await expect(storyBody(page)).toHaveAttribute('contenteditable', 'true');
    await expect(page.getByRole('button', { name: 'Move to trash' })).not.toHaveAttribute('aria-disabled', 'true');
  } finally {
    await copydesk.stop();
  }
});

// Typing and switching at once: what the reporter typed is saved as hers before the intern takes over,
// never refused as the intern's edit (nor turned into his proposal).
test('Switch user saves the last words typed as the person who typed them', async ({ page }) => {
  const copydesk = await startCopydesk({ profile: { name: 'Vivian Yan', role: 'reporter' } });
  try {
    await page.goto(copydesk.url);
    await newStory(page, 'Typhoon signal raised');
    await storyBody(page).click();
    await page.keyboard.type('The observatory raised the No. 8 signal.');
    await waitUntilSaved(page);
    await addPerson(page, 'Peng Qin', 'Intern', 'Vivian Yan (Reporter)');
    await switchTo(page, 'Vivian Yan');
    await expect(storyBody(page)).toHaveAttribute('contenteditable', 'true');

    // No pause for autosave: the switch itself must save these words first.
    await storyBody(page).click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(' Schools are closed.');
    await switchTo(page, 'Peng Qin');
    await expect(page.getByRole('note').filter({ hasText: "You're proposing changes to Vivian Yan's story." })).toBeVisible();
    await expect(storyBody(page)).toHaveText('The observatory raised the No. 8 signal. Schools are closed.');
    await expect(page.getByRole('button', { name: /^Proposals/ })).toHaveCount(0);

    await page.reload();
    await switchTo(page, 'Vivian Yan');
    await expect(storyBody(page)).toHaveText('The observatory raised the No. 8 signal. Schools are closed.');
    await expect(storyBody(page)).toHaveAttribute('contenteditable', 'true');
  } finally {
    await copydesk.stop();
  }
});
