/**
 * A real team hub for the browser suites, and the settings-page pairing a user does against it.
 *
 * The hub runs in this process on embedded PGlite (a temp dir) and a random port, with one team
 * ("Maison Lumière" unless named) whose admin, lead and agent are already paired over the API
 * (tests/server/support/hub.ts): `hub.team.admin`, `.lead`, `.agent` are their HTTP clients.
 *
 *   const hub = teamHub();                   // started before the file's tests, closed after them
 *   const browser = await launchChromium();
 *   const settings = await pairBrowser(browser, hub, { role: 'agent', name: 'Camille' });
 *   await hub.changes('events');             // what the hub holds, as the admin pulls it
 *   await published(settings, 'promotions'); // what reached the browser's `published` store
 *
 * - `teamHub(name?)` / `startTeamHub(name?)`: with vitest hooks / without (then `close()` it).
 * - `hub.url`, `hub.db`, `hub.team`; `hub.invite(role, name)` → an invite code;
 *   `hub.member(role, name)` → the client (and token) of a member paired over the API;
 *   `hub.changes(table, client?)`; `hub.stop()` takes the hub down for browsers (idempotent).
 * - `openSettings(browser)`, `pairFromSettings(settingsPage, hub, { role, name })` (the real UI
 *   steps, then waits for the member's name and the live channel), `pairBrowser` (both).
 * - `published(extensionPage, table)`: the rows the browser's `published` store holds for `table`.
 *
 * Read `hub.*` inside tests and hooks, not at the top of the file: `teamHub` fills it in `beforeAll`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { Role } from '../../../server/auth/roles';
import { openPglite } from '../../../server/db/pglite';
import type { Database } from '../../../server/db/types';
import { startHub } from '../../../server/start';
import { Client, createTestTeam, type TestTeam } from '../../server/support/hub';
import type { ChromiumSession } from './chromium';

export type { Client, Role, TestTeam };

/** One row of the hub's change feed, or of the extension's `published` store. */
export interface Change {
  table: string;
  id: string;
  data: Record<string, unknown>;
}

export interface TeamHub {
  /** What a user types as the hub's address: `http://127.0.0.1:<port>`. */
  url: string;
  db: Database;
  /** The team's admin, lead and agent, paired over the API. */
  team: TestTeam;
  /** A fresh invite code for `role`, made by the admin; `name` is the member's once paired. */
  invite(role: Role, name: string): Promise<string>;
  /** A new member paired over the API (no browser): their client holds their token. */
  member(role: Role, name: string): Promise<Client>;
  /** The changes to `table` on the hub, from the start, as `client` (the admin by default) pulls them. */
  changes(table: string, client?: Client): Promise<Change[]>;
  /** Stops serving: for browsers the hub is down. The database stays until `close`. */
  stop(): Promise<void>;
  /** Stops serving, closes the database and removes its directory. */
  close(): Promise<void>;
}

/** Starts a hub on a fresh PGlite with one team; see the top of this file. */
export async function startTeamHub(teamName = 'Maison Lumière'): Promise<TeamHub> {
  const dataDir = await mkdtemp(join(tmpdir(), 'continuum-hub-'));
  const db = await openPglite(dataDir);
  const running = await startHub({ db, port: 0 });
  const team = await createTestTeam(db, running.url, teamName);
  let serving = true;
  const stop = async () => {
    // A test may take the hub down itself before the file's cleanup does.
    if (!serving) return;
    serving = false;
    await running.close();
  };
  const invite = async (role: Role, name: string): Promise<string> => {
    const { status, body } = await team.admin.post('/v1/invites', { role, name });
    if (status !== 201) throw new Error(`invite failed: ${JSON.stringify(body)}`);
    return body.code;
  };
  return {
    url: running.url,
    db,
    team,
    invite,
    async member(role, name) {
      const inviteCode = await invite(role, name);
      const { status, body } = await new Client(running.url).post('/v1/pair', { inviteCode, deviceName: `${name}'s laptop`, name });
      if (status !== 200) throw new Error(`pairing failed: ${JSON.stringify(body)}`);
      return new Client(running.url, body.token);
    },
    async changes(table, client = team.admin) {
      const { body } = await client.get('/v1/sync/pull?cursor=0&limit=1000');
      return body.changes.filter((change: Change) => change.table === table);
    },
    stop,
    async close() {
      await stop();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A hub for a whole test file: started before its tests, closed after them. */
export function teamHub(teamName?: string): TeamHub {
  const hub = {} as TeamHub;
  beforeAll(async () => {
    Object.assign(hub, await startTeamHub(teamName));
  });
  afterAll(async () => {
    await hub.close?.();
  });
  return hub;
}

/** Opens the extension's settings page in a new tab. */
export async function openSettings(browser: ChromiumSession): Promise<Page> {
  const settings = await browser.context.newPage();
  await settings.goto(`${browser.extensionOrigin}/src/options/index.html`);
  return settings;
}

/**
 * Pairs from the settings page as a user does (the hub's address, a fresh invite code, "Pair"),
 * then waits until the page names the member and says the live channel is open.
 */
export async function pairFromSettings(settings: Page, hub: TeamHub, member: { role: Role; name: string }): Promise<void> {
  const code = await hub.invite(member.role, member.name);
  await settings.fill('#hub-url', hub.url);
  await settings.fill('#hub-invite', code);
  await settings.getByRole('button', { name: /^(Pair|Associer)$/ }).click();
  await expect.poll(() => settings.getByTestId('hub-member').textContent(), { timeout: 10_000 }).toContain(`${member.name} — `);
  await expect.poll(() => settings.getByTestId('hub-reachable').textContent(), { timeout: 10_000 }).toMatch(/(live|en direct)/);
}

/** Opens the browser's settings page and pairs it there; returns the page, still open. */
export async function pairBrowser(browser: ChromiumSession, hub: TeamHub, member: { role: Role; name: string }): Promise<Page> {
  const settings = await openSettings(browser);
  await pairFromSettings(settings, hub, member);
  return settings;
}

/** The rows of `table` in the extension's `published` store (what the hub sent), read from one of its pages. */
export function published(page: Page, table: string): Promise<Change[]> {
  return page.evaluate(
    (table) =>
      new Promise<Change[]>((resolve, reject) => {
        const open = indexedDB.open('continuum');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('published').objectStore('published').getAll();
          all.onsuccess = () => {
            resolve(all.result.filter((row: Change) => row.table === table));
            open.result.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
    table,
  );
}
