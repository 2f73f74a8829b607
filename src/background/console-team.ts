/**
 * The lead console's Team tab, background side: members, invites, retention, the hub's LLM
 * provider, kill switches, custom adapters shared with the team, customer export and erasure,
 * the audit trail. Each action is one hub call as this paired member; the token stays here. The
 * hub is the authority on who may do what (an agent or a lead trying an admin action is refused
 * there), so nothing is checked twice.
 */
import { z } from 'zod';
import { BUILT_IN_NAMES, BUILT_IN_SPECS } from '../adapters/built-in-specs';
import { customAdapterSchema, type CustomAdapter } from '../adapters/custom/schema';
import { ContinuumError, ErrorCode } from '../shared/errors';
import type { RequestOf } from '../shared/messages';
import type { ContinuumDb } from '../storage/db';
import { loadCustomAdapters, loadTeamAdapters } from './adapter-config';
import { hubFailure, pushNow } from './console';
import type { Handlers } from './router';
import { publishedRecords } from './sync/published';
import { HubError, HubErrorCode, hubClient } from './sync/hub-client';
import { getPairing, type Pairing } from './sync/sync-state';

export interface ConsoleTeamDeps {
  db: () => ContinuumDb;
  fetch?: typeof fetch;
  now?: () => number;
}

export type TeamRequest = RequestOf<'console/team'>;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const role = z.enum(['agent', 'lead', 'admin']);
const time = z.union([z.string(), z.number()]).nullish();
const SCHEMAS = {
  members: z.object({ members: z.array(z.object({ id: z.string(), name: z.string(), role, createdAt: time, revokedAt: time }).loose()) }),
  invites: z.object({ invites: z.array(z.object({ id: z.string(), role, name: z.string().nullish(), maxUses: z.number(), uses: z.number(), expiresAt: time }).loose()) }),
  invite: z.object({ id: z.string(), code: z.string(), role, expiresAt: time }).loose(),
  audit: z.object({ entries: z.array(z.object({ id: z.union([z.string(), z.number()]), at: time, member: z.unknown(), action: z.string(), target: z.unknown(), detail: z.unknown() }).loose()) }),
  retention: z.object({ months: z.number().nullable() }),
  llm: z.object({ configured: z.boolean() }).loose(),
  ok: z.unknown(),
  export: z.object({ key: z.string(), customerIds: z.array(z.string()), records: z.record(z.string(), z.array(z.unknown())) }).loose(),
  erase: z.object({ key: z.string(), customers: z.number(), records: z.number() }).loose(),
};
const killSwitchData = z.object({ disabled: z.boolean(), reason: z.string().optional() });

/** Hub refusals said plainly; the hub's own code stays in the message for support. */
function teamFailure(error: unknown): ContinuumError {
  if (error instanceof HubError && error.status === 403) {
    return new ContinuumError(ErrorCode.PublishForbidden, `The hub refused: your role cannot do this (${error.code}: ${error.message})`);
  }
  if (error instanceof HubError && error.code === HubErrorCode.Unreachable) return new ContinuumError(ErrorCode.HubUnreachable, `${error.message}. Nothing was changed.`);
  return hubFailure(error);
}

/** One custom adapter as the Team tab shows it: this browser's copy, the team's, or both. */
export interface TeamAdapterRow {
  id: string;
  name: string;
  /** The host pattern, as written in the adapter (`/^crm\.acme\.fr$/`). */
  host: string;
  /** Version of this browser's copy, or null when it only comes from the team. */
  localVersion: number | null;
  /** Version the team has, or null when it is not shared. */
  teamVersion: number | null;
  /** Who shared it. */
  author: string | null;
}

function adapterRows(local: readonly CustomAdapter[], team: readonly CustomAdapter[]): TeamAdapterRow[] {
  const shared = new Map(team.map((a) => [a.id, a]));
  const rows = local.map((mine) => {
    const theirs = shared.get(mine.id);
    return { id: mine.id, name: mine.name, host: mine.spec.host, localVersion: mine.version, teamVersion: theirs?.version ?? null, author: theirs?.author ?? null };
  });
  const localIds = new Set(local.map((a) => a.id));
  const teamOnly = team.filter((a) => !localIds.has(a.id));
  return [...rows, ...teamOnly.map((a) => ({ id: a.id, name: a.name, host: a.spec.host, localVersion: null, teamVersion: a.version, author: a.author ?? null }))];
}

export function createConsoleTeamHandlers({ db, fetch: doFetch, now = Date.now }: ConsoleTeamDeps) {
  async function paired(): Promise<Pairing> {
    const pairing = await getPairing(db());
    if (!pairing || pairing.revoked) throw new ContinuumError(ErrorCode.HubNotPaired, 'Pair this browser with the team hub first (settings → Team hub)');
    return pairing;
  }

  async function hub<K extends keyof typeof SCHEMAS>(schema: K, method: Method, path: string, body?: unknown): Promise<z.infer<(typeof SCHEMAS)[K]>> {
    const pairing = await paired();
    let answer: unknown;
    try {
      answer = await hubClient({ baseUrl: pairing.hubUrl, token: pairing.token, fetch: doFetch }).request(method, path, body);
    } catch (error) {
      throw teamFailure(error);
    }
    const parsed = SCHEMAS[schema].safeParse(answer);
    if (!parsed.success) throw new ContinuumError(ErrorCode.HubRefused, `${HubErrorCode.BadResponse}: unexpected answer from ${path}`);
    return parsed.data as z.infer<(typeof SCHEMAS)[K]>;
  }

  /** Built-in and custom adapters (this browser's and the team's), with the team's switch for each. */
  async function killSwitches() {
    const database = db();
    const [switches, teamAdapters, local] = await Promise.all([publishedRecords(database, 'kill-switches'), publishedRecords(database, 'adapters'), loadCustomAdapters()]);
    const names = new Map<string, string>(BUILT_IN_SPECS.map((spec) => [spec.id, BUILT_IN_NAMES[spec.id] ?? spec.id]));
    for (const { id, data } of teamAdapters) if (!names.has(id)) names.set(id, z.object({ name: z.string() }).safeParse(data).data?.name ?? id);
    for (const adapter of local) if (!names.has(adapter.id)) names.set(adapter.id, adapter.name);
    const state = new Map(switches.map(({ id, data }) => [id, killSwitchData.safeParse(data).data]));
    return {
      adapters: [...names].map(([id, name]) => ({
        id,
        name,
        custom: id.startsWith('custom:'),
        disabled: state.get(id)?.disabled ?? false,
        reason: state.get(id)?.reason ?? '',
      })),
    };
  }

  /** This browser's custom adapters and the team's, side by side. */
  async function teamAdapters(): Promise<{ adapters: TeamAdapterRow[] }> {
    const database = db();
    const [local, team] = await Promise.all([loadCustomAdapters(), loadTeamAdapters(() => publishedRecords(database, 'adapters'))]);
    return { adapters: adapterRows(local, team) };
  }

  /**
   * Pushes one hub-owned record and keeps the hub's answer locally at once (the pull that brings
   * it back carries the hub's sequence number). Nothing is kept when the hub did not apply it.
   */
  async function publish(table: 'kill-switches' | 'adapters', id: string, data: unknown | null): Promise<void> {
    const pairing = await paired();
    try {
      await pushNow(pairing, data === null ? { table, id, deleted: true } : { table, id, data }, doFetch);
    } catch (error) {
      if (error instanceof ContinuumError && error.code === ErrorCode.HubUnreachable) {
        throw new ContinuumError(ErrorCode.HubUnreachable, 'The team hub cannot be reached: nothing was changed. Try again when it is back.');
      }
      throw teamFailure(error);
    }
    const database = db();
    if (data === null) return database.published.delete([table, id]);
    const previous = await database.published.get([table, id]);
    await database.published.put({ table, id, data, seq: previous?.seq ?? 0, at: now() });
  }

  async function shareAdapter(adapterId: string, pairing: Pairing): Promise<void> {
    const mine = (await loadCustomAdapters()).find((a) => a.id === adapterId);
    if (!mine) throw new ContinuumError(ErrorCode.UnknownCustomAdapter, `No custom adapter ${adapterId.slice(0, 80)} in this browser`);
    // Signed with the lead's name when it has no author yet, so agents know whom to ask.
    const signed = customAdapterSchema.safeParse({ ...mine, author: mine.author ?? pairing.member.name });
    await publish('adapters', mine.id, signed.success ? signed.data : mine);
  }

  const q = encodeURIComponent;

  async function run(request: TeamRequest): Promise<unknown> {
    switch (request.action) {
      case 'members':
        return hub('members', 'GET', '/v1/members');
      case 'invites':
        return hub('invites', 'GET', '/v1/invites');
      case 'audit':
        return hub('audit', 'GET', `/v1/audit?limit=${request.limit ?? 50}`);
      case 'retention':
        return hub('retention', 'GET', '/v1/team/retention');
      case 'llm':
        return hub('llm', 'GET', '/v1/llm/config');
      case 'kill-switches':
        return killSwitches();
      case 'set-role':
        return hub('ok', 'POST', `/v1/members/${q(request.memberId)}/role`, { role: request.role });
      case 'revoke-member':
        return hub('ok', 'POST', `/v1/members/${q(request.memberId)}/revoke`, {});
      case 'create-invite': {
        const { action: _, ...invite } = request;
        // The code is answered once: the page shows it and never gets it again.
        return hub('invite', 'POST', '/v1/invites', { ...invite, name: invite.name || undefined });
      }
      case 'revoke-invite':
        return hub('ok', 'DELETE', `/v1/invites/${q(request.inviteId)}`);
      case 'set-retention':
        return hub('retention', 'PUT', '/v1/team/retention', { months: request.months });
      case 'set-llm': {
        const { action: _, ...config } = request;
        return hub('llm', 'PUT', '/v1/llm/config', config);
      }
      case 'set-kill-switch':
        await publish('kill-switches', request.adapterId, { disabled: request.disabled, reason: request.reason });
        return killSwitches();
      case 'team-adapters':
        return teamAdapters();
      case 'share-adapter':
        await shareAdapter(request.adapterId, await paired());
        return teamAdapters();
      case 'unshare-adapter':
        // A tombstone: every agent's extension drops it at its next pull or live change.
        await publish('adapters', request.adapterId, null);
        return teamAdapters();
      case 'export-customer':
        return hub('export', 'GET', `/v1/customers/export?key=${q(request.key)}`);
      case 'erase-customer':
        return hub('erase', 'POST', '/v1/customers/erase', { key: request.key });
    }
  }

  return { 'console/team': run } satisfies Pick<Handlers, 'console/team'>;
}
