import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { freshDataDir, startCopydesk } from '../support/webServer.ts';
import { expect, newStory, test } from './fixtures.ts';
import { connect, newsroomHub, stopHub, syncStatus, VIVIAN } from './hub.ts';

/*
 * The newsroom's publication settings live on the hub: the admin renames a
 * sector in Settings on her workstation, and the reporter's workstation, on
 * the same hub, offers the new name in the section picker once it has
 * synced. Both see where the settings are kept; the reporter reads them only.
 */

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
}

const sectorLabels = (page: Page) => page.getByRole('table', { name: 'Sectors' }).getByRole('textbox', { name: 'Sector label' });

test('an admin renames a sector on one workstation; the other workstation’s section picker offers the new name', async ({ page, copydesk, browser }) => {
  test.setTimeout(90_000);
  const { hub } = await newsroomHub([VIVIAN]);
  const reporterDesk = await startCopydesk({ dataDir: freshDataDir('copydesk-e2e-newsroom-settings'), profile: { name: VIVIAN.name, role: 'reporter' } });
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  try {
    await page.goto(copydesk.url);
    await connect(page, hub.url, 'desk');
    await expect(syncStatus(page)).toHaveText('Up to date', { timeout: 20_000 });
    const reporter = await context.newPage();
    await reporter.goto(reporterDesk.url);
    await connect(reporter, hub.url, VIVIAN.username);
    await expect(syncStatus(reporter)).toHaveText('Up to date', { timeout: 20_000 });

    // The admin renames "Talents" in Settings, which says where the settings are kept.
    await openSettings(page);
    await expect(page.getByRole('note').filter({ hasText: 'kept on the hub' })).toHaveText(`These settings are the newsroom’s, kept on the hub at ${hub.url.replace(/\/$/, '')}.`);
    const talents = sectorLabels(page).nth(4);
    await expect(talents).toHaveValue('Talents');
    await talents.fill('Talent and Careers');
    await talents.press('Enter');
    await expect(page.getByRole('region', { name: 'Sectors' }).getByRole('alert')).toHaveCount(0);
    await expect(talents).toHaveValue('Talent and Careers');
    await page.screenshot({ path: test.info().outputPath('1-admin-settings-on-hub.png') });

    // The reporter's workstation takes it at its next sync (the hub nudges it): the picker offers the new name.
    await newStory(reporter, 'Graduates find work at the port');
    await reporter.getByRole('button', { name: 'Sector heading' }).click();
    const picker = reporter.getByRole('listbox', { name: 'Choose a sector' });
    await expect(picker.getByRole('option', { name: 'Talent and Careers', exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(picker.getByRole('option', { name: 'Talents', exact: true })).toHaveCount(0);
    await reporter.keyboard.press('Escape');

    // Her Settings show the same, to read only.
    await openSettings(reporter);
    await expect(sectorLabels(reporter).nth(4)).toHaveValue('Talent and Careers');
    await expect(sectorLabels(reporter).nth(4)).toBeDisabled();
    await expect(reporter.getByRole('note').filter({ hasText: 'kept on the hub' })).toBeVisible();
  } finally {
    await context.close();
    await reporterDesk.stop();
    rmSync(reporterDesk.dataDir, { recursive: true, force: true });
    await stopHub(hub);
    rmSync(hub.dataDir, { recursive: true, force: true });
  }
});
