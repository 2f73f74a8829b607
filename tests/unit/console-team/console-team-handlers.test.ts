/**
 * The console's Team tab, background side, against the real hub (embedded PGlite, in process):
 * invites, roles, kill switches reaching every agent's pull, customer export and erasure, an
 * agent refused, a lead refused an admin action, and the hub down.
 */
import { describe, expect, test } from 'vitest';
import { createConsoleTeamHandlers, type TeamRequest } from '../../../src/background/console-team';
import { pairWithHub } from '../../../src/background/sync/pairing';
import { ContinuumDb } from '../../../src/storage/db';
import { hubForFile, type TestHub } from '../sync/support/hub-harness';

const env = hubForFile();

let browsers = 0;
async function teamConsole(role: 'lead' | 'admin' | 'agent', hub: TestHub = env.hub, doFetch?: typeof fetch) {
  const db = new ContinuumDb(`continuum-team-${++browsers}-${Math.random()}`);
  const invite = await hub.team.admin.post('/v1/invites', { role, name: `${role} ${browsers}` });
  await pairWithHub(db, { hubUrl: hub.url, inviteCode: invite.body.code, deviceName: `team console ${browsers}` });
  const handlers = createConsoleTeamHandlers({ db: () => db, ...(doFetch ? { fetch: doFetch } : {}) });
  return { db, run: (request: TeamRequest) => handlers['console/team'](request) as Promise<any> };
}

async function pullAll(hub: TestHub) {
  const { body } = await hub.team.agent.get('/v1/sync/pull?cursor=0&limit=1000');
  return body.changes as Array<{ table: string; id: string; data: any; deleted: boolean }>;
}

const strong = (kind: string, value: string) => ({ kind, value, key: `${kind}:${value}`, strength: 'strong', firstSeen: 1, source: { tool: 'zendesk' } });

describe('members and invites', () => {
  test('a lead creates an invite, sees its code once, finds it listed without the code, and revokes it', async () => {
    const lead = await teamConsole('lead');
    const created = await lead.run({ action: 'create-invite', role: 'agent', name: 'Jules', maxUses: 2 });
    expect(created.code).toMatch(/^.+\..{20,}$/);
    const { invites } = await lead.run({ action: 'invites' });
    const listed = invites.find((i: { id: string }) => i.id === created.id);
    expect(listed).toMatchObject({ role: 'agent', name: 'Jules', maxUses: 2, uses: 0 });
    expect(JSON.stringify(invites)).not.toContain(created.code);

    await lead.run({ action: 'revoke-invite', inviteId: created.id });
    expect((await lead.run({ action: 'invites' })).invites.map((i: { id: string }) => i.id)).not.toContain(created.id);
  });

  test('an admin promotes an agent to lead; a lead may not change roles', async () => {
    const admin = await teamConsole('admin');
    const lead = await teamConsole('lead');
    const agentId = env.hub.team.agentId;
    await expect(lead.run({ action: 'set-role', memberId: agentId, role: 'lead' })).rejects.toMatchObject({ code: 'E_PUBLISH_FORBIDDEN' });

    await admin.run({ action: 'set-role', memberId: agentId, role: 'lead' });
    const { members } = await admin.run({ action: 'members' });
    expect(members.find((m: { id: string }) => m.id === agentId).role).toBe('lead');
    await admin.run({ action: 'set-role', memberId: agentId, role: 'agent' });
    expect((await admin.run({ action: 'audit', limit: 10 })).entries.map((e: { action: string }) => e.action)).toContain('member.role');
  });

  test('an agent is refused every team action by the hub', async () => {
    const agent = await teamConsole('agent');
    for (const action of ['members', 'invites', 'audit'] as const) {
      await expect(agent.run({ action })).rejects.toMatchObject({ code: 'E_PUBLISH_FORBIDDEN' });
    }
    await expect(agent.run({ action: 'set-kill-switch', adapterId: 'zendesk', disabled: true, reason: 'test' })).rejects.toMatchObject({ code: 'E_PUBLISH_FORBIDDEN' });
    expect((await pullAll(env.hub)).filter((c) => c.table === 'kill-switches' && c.data?.reason === 'test')).toEqual([]);
  });
});

describe('team settings', () => {
  test('a kill switch published by a lead reaches the hub pull and the console list', async () => {
    const lead = await teamConsole('lead');
    const { adapters } = await lead.run({ action: 'set-kill-switch', adapterId: 'gmail', disabled: true, reason: 'Gmail a changé sa page' });
    expect(adapters.find((a: { id: string }) => a.id === 'gmail')).toMatchObject({ disabled: true, reason: 'Gmail a changé sa page' });
    expect(adapters.map((a: { id: string }) => a.id)).toContain('zendesk');
    const onHub = (await pullAll(env.hub)).filter((c) => c.table === 'kill-switches' && c.id === 'gmail').at(-1);
    expect(onHub).toMatchObject({ deleted: false, data: { disabled: true, reason: 'Gmail a changé sa page' } });
  });

  test('retention: a lead reads it, only an admin sets it', async () => {
    const lead = await teamConsole('lead');
    const admin = await teamConsole('admin');
    await expect(lead.run({ action: 'set-retention', months: 12 })).rejects.toMatchObject({ code: 'E_PUBLISH_FORBIDDEN' });
    await admin.run({ action: 'set-retention', months: 24 });
    expect(await lead.run({ action: 'retention' })).toEqual({ months: 24 });
  });

  test('LLM provider: the admin sets it, the key is never read back', async () => {
    const admin = await teamConsole('admin');
    await admin.run({ action: 'set-llm', baseURL: 'https://llm.example.com/v1', model: 'gpt-4o-mini', apiKey: 'sk-secret-123456' });
    const config = await admin.run({ action: 'llm' });
    expect(config).toMatchObject({ configured: true, baseURL: 'https://llm.example.com/v1', model: 'gpt-4o-mini', hasApiKey: true });
    expect(JSON.stringify(config)).not.toContain('sk-secret');
  });
});

describe('customer data requests', () => {
  test('export returns the customer; erase leaves tombstones on the hub', async () => {
    const lead = await teamConsole('lead');
    const pushed = await env.hub.team.agent.push([
      { table: 'customers', id: 'claire', data: { id: 'claire', createdAt: 1, identifiers: [strong('email', 'claire@exemple.fr')] } },
      { table: 'notes', id: 'note-claire', data: { id: 'note-claire', customerId: 'claire', text: 'Rappeler jeudi' } },
    ]);
    expect(pushed.body.results.every((r: { status: string }) => r.status === 'applied')).toBe(true);

    const exported = await lead.run({ action: 'export-customer', key: 'email:Claire@Exemple.fr' });
    expect(exported.customerIds).toEqual(['claire']);
    expect(exported.records.notes.map((n: { id: string }) => n.id)).toEqual(['note-claire']);

    const erased = await lead.run({ action: 'erase-customer', key: 'email:claire@exemple.fr' });
    expect(erased).toMatchObject({ customers: 1, records: 2 });
    const last = (id: string) => (pullAll(env.hub).then((all) => all.filter((c) => c.id === id).at(-1)));
    expect(await last('claire')).toMatchObject({ deleted: true, data: null });
    expect(await last('note-claire')).toMatchObject({ deleted: true, data: null });
    await expect(lead.run({ action: 'export-customer', key: 'email:claire@exemple.fr' })).rejects.toMatchObject({ code: 'E_HUB_REFUSED' });
  });
});

test('the hub down: a clear error, nothing changed', async () => {
  const down: typeof fetch = async () => {
    throw new TypeError('fetch failed');
  };
  const { run } = await teamConsole('lead', env.hub, down);
  await expect(run({ action: 'members' })).rejects.toMatchObject({ code: 'E_HUB_UNREACHABLE' });
});
