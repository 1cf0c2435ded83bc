import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, connect as connectTcp, type AddressInfo, type Server, type Socket } from 'node:net';
import { rmSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { freshDataDir, startCopydesk, type RunningCopydesk } from '../support/webServer.ts';
import { expect } from './fixtures.ts';

/**
 * The newsroom hub for end-to-end tests: a real hub process (`npm run hub`,
 * PGlite in a temp folder), its accounts made as an admin makes them, and the
 * steps a person takes in the workstation's Sync panel. Nothing is mocked.
 */

export const PASSWORD = 'correct horse battery staple';
const HUB_ENV = { ...process.env, COPYDESK_HUB_PASSWORD: PASSWORD, DATABASE_URL: '' };

export interface Hub {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
}

/** `npm run hub` as a person starts it, on `port` (0: any free one), until `Copydesk hub ready:`. */
export async function startHub(dataDir: string, port = 0): Promise<Hub> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--port', String(port), '--data-dir', dataDir], {
    env: HUB_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The hub did not start in time:\n${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Copydesk hub ready: (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The hub exited with ${code} before it was ready:\n${output}`));
    });
  });
  return { url, port: Number(new URL(url).port), dataDir, child };
}

export function stopHub(hub: Hub): Promise<void> {
  return new Promise((resolve) => {
    if (hub.child.exitCode !== null) return resolve();
    hub.child.once('exit', () => resolve());
    hub.child.kill('SIGTERM');
  });
}

export interface HubPerson {
  username: string;
  name: string;
  role: 'intern' | 'reporter' | 'editor' | 'admin';
}

export const VIVIAN: HubPerson = { username: 'vyan', name: 'Vivian Yan', role: 'reporter' };
export const MEI: HubPerson = { username: 'mchen', name: 'Mei Chen', role: 'editor' };

/**
 * A new hub with its first admin (`npm run hub -- admin create`) and, made by
 * that admin over the admin API, the people the workstations sign in as
 * (all with {@link PASSWORD}); `ids` maps each user name to the hub's id.
 */
export async function newsroomHub(people: readonly HubPerson[] = [VIVIAN]): Promise<{ hub: Hub; adminToken: string; ids: Record<string, string> }> {
  const dataDir = freshDataDir('copydesk-hub-e2e');
  const created = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', 'admin', 'create', '--username', 'desk', '--name', 'Desk Admin', '--data-dir', dataDir],
    { env: HUB_ENV, encoding: 'utf8' },
  );
  if (created.status !== 0) throw new Error(`admin create failed: ${created.stderr}`);
  const hub = await startHub(dataDir);
  const login = await fetch(new URL('v1/auth/login', hub.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'desk', password: PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const ids: Record<string, string> = {};
  for (const person of people) {
    const user = await fetch(new URL('v1/admin/users', hub.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...person, password: PASSWORD }),
    });
    if (!user.ok) throw new Error(`creating ${person.username} failed: ${user.status} ${await user.text()}`);
    ids[person.username] = ((await user.json()) as { user: { id: string } }).user.id;
  }
  return { hub, adminToken: token, ids };
}

/** An intern; the hub needs her supervisor, so she is added with {@link addHubPerson} once that person exists. */
export const PENG: HubPerson = { username: 'pqin', name: 'Peng Qin', role: 'intern' };

/** An admin adds one more person over the admin API (an intern under `supervisorId`); returns the hub's id for them. */
export async function addHubPerson(hub: Hub, adminToken: string, person: HubPerson, supervisorId: string | null = null): Promise<string> {
  const user = await fetch(new URL('v1/admin/users', hub.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ ...person, password: PASSWORD, ...(supervisorId ? { supervisorId } : {}) }),
  });
  if (!user.ok) throw new Error(`creating ${person.username} failed: ${user.status} ${await user.text()}`);
  return ((await user.json()) as { user: { id: string } }).user.id;
}

/** What an admin does when a laptop is lost: every session of that person ends at once. */
export async function revokeSessions(hub: Hub, adminToken: string, userId: string): Promise<void> {
  const response = await fetch(new URL(`v1/admin/users/${userId}/revoke-sessions`, hub.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}` },
  });
  if (!response.ok) throw new Error(`revoke-sessions failed: ${response.status} ${await response.text()}`);
}

/**
 * One workstation's network cable to the hub: a TCP relay the workstation
 * connects through. Unplugging drops every open connection (the event
 * stream included) and refuses new ones, as a lost network does, while the
 * hub and every other workstation carry on.
 */
export interface NetworkCable {
  /** The hub's address as seen through this cable. */
  url: string;
  unplug(): Promise<void>;
  plugIn(): Promise<void>;
}

export async function networkCable(hub: Pick<Hub, 'port'>): Promise<NetworkCable> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;

  const relay = (client: Socket) => {
    const upstream = connectTcp(hub.port, '127.0.0.1');
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    sockets.add(client);
    sockets.add(upstream);
    for (const socket of [client, upstream]) {
      socket.on('error', drop);
      socket.on('close', drop);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  };

  const plugIn = () =>
    new Promise<void>((resolve, reject) => {
      if (server) return resolve();
      const listening = createServer(relay);
      listening.once('error', reject);
      listening.listen(port, '127.0.0.1', () => {
        port = (listening.address() as AddressInfo).port;
        server = listening;
        resolve();
      });
    });

  const unplug = () =>
    new Promise<void>((resolve) => {
      const closing = server;
      server = null;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (!closing) return resolve();
      closing.close(() => resolve());
    });

  await plugIn();
  return { url: `http://127.0.0.1:${port}`, unplug, plugIn };
}

export const syncStatus = (page: Page) => page.getByRole('status', { name: 'Sync' });

/** Fills and sends "Connect to newsroom" (opening it first when it is not open). */
export async function connect(page: Page, hubUrl: string, username: string, password: string = PASSWORD): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Connect to newsroom' });
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: 'Connect to newsroom' }).click();
  await dialog.getByRole('textbox', { name: 'Hub address' }).fill(hubUrl);
  await dialog.getByRole('textbox', { name: 'User name' }).fill(username);
  await dialog.getByRole('textbox', { name: 'Password' }).fill(password);
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
}

/**
 * Once the hub is back: "Try again" until the status reads `expected`. The
 * outbox also retries on its own (backoff), so the button may already be gone.
 */
export async function tryAgainUntil(page: Page, expected: string | RegExp): Promise<void> {
  await expect(async () => {
    const tryAgain = page.getByRole('button', { name: 'Try again' });
    if (await tryAgain.isVisible()) await tryAgain.click({ timeout: 2_000 });
    await expect(syncStatus(page)).toHaveText(expected, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

export interface TwoDesks {
  hub: Hub;
  /** The reporter's network: she reaches the hub only through it. */
  cable: NetworkCable;
  /** Vivian Yan (reporter) and Mei Chen (editor), each in her own browser window and workstation. */
  reporter: Page;
  editor: Page;
  /** Closes the windows, stops the workstations and the hub, and removes their folders. */
  close(): Promise<void>;
}

/**
 * A newsroom of two: a hub with {@link VIVIAN} and {@link MEI}, a browser-mode
 * workstation for each (its own data folder and browser context), both signed
 * in and "Up to date" — the reporter through her {@link NetworkCable}, so a
 * test can take her offline while the hub and the editor carry on.
 */
export async function twoDesks(browser: Browser, label: string): Promise<TwoDesks> {
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    const { hub } = await newsroomHub([VIVIAN, MEI]);
    closers.push(async () => {
      await stopHub(hub);
      rmSync(hub.dataDir, { recursive: true, force: true });
    });
    const cable = await networkCable(hub);
    closers.push(() => cable.unplug());
    const desk = async (person: HubPerson, role: 'reporter' | 'editor'): Promise<RunningCopydesk> => {
      const copydesk = await startCopydesk({ dataDir: freshDataDir(`copydesk-e2e-${label}-${role}`), profile: { name: person.name, role } });
      closers.push(async () => {
        await copydesk.stop();
        rmSync(copydesk.dataDir, { recursive: true, force: true });
      });
      return copydesk;
    };
    const [reporterDesk, editorDesk] = await Promise.all([desk(VIVIAN, 'reporter'), desk(MEI, 'editor')]);
    const openWindow = async (url: string) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      closers.push(() => context.close());
      const page = await context.newPage();
      await page.goto(url);
      return page;
    };
    const reporter = await openWindow(reporterDesk.url);
    const editor = await openWindow(editorDesk.url);
    await connect(reporter, cable.url, VIVIAN.username);
    await connect(editor, hub.url, MEI.username);
    await expect(syncStatus(reporter)).toHaveText('Up to date', { timeout: 20_000 });
    await expect(syncStatus(editor)).toHaveText('Up to date', { timeout: 20_000 });
    return { hub, cable, reporter, editor, close };
  } catch (error) {
    await close();
    throw error;
  }
}
