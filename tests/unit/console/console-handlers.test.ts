/**
 * The lead console's background handlers against the real hub (embedded PGlite, in process):
 * field-level errors, publishing as a lead (hub first, then the local store), agents refused by
 * the hub, the hub down, deletions, guide versions and previews for a sample customer.
 */
import { describe, expect, test } from 'vitest';
import { createConsoleHandlers } from '../../../src/background/console';
import { pairWithHub } from '../../../src/background/sync/pairing';
import { publishedRecords } from '../../../src/background/sync/published';
import { createRouter } from '../../../src/background/router';
import { ContinuumDb } from '../../../src/storage/db';
import type { FieldError } from '../../../src/core/brand/validation';
import type { RequestOf } from '../../../src/shared/messages';
import { hubForFile, lifeOf, pairedBrowser, type TestHub, type TestTeam } from '../sync/support/hub-harness';

const env = hubForFile();
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-23T10:00:00Z');

let browsers = 0;
async function pairedAs(role: 'lead' | 'admin' | 'agent', hub: TestHub, team: TestTeam = hub.team): Promise<ContinuumDb> {
  const db = new ContinuumDb(`continuum-console-${++browsers}-${Math.random()}`);
  const invite = await team.admin.post('/v1/invites', { role, name: `${role} ${browsers}` });
  await pairWithHub(db, { hubUrl: hub.url, inviteCode: invite.body.code, deviceName: `console ${browsers}` });
  return db;
}

function consoleFor(db: ContinuumDb) {
  const handlers = createConsoleHandlers({ db: () => db, now: () => NOW });
  return {
    state: () => handlers['console/state'](),
    publish: (table: RequestOf<'console/publish'>['table'], record: Record<string, unknown>) => handlers['console/publish']({ table, record }),
    remove: (table: 'templates' | 'promotions', id: string) => handlers['console/delete']({ table, id }),
    preview: (request: RequestOf<'console/preview'>) => handlers['console/preview'](request),
  };
}

/** What the hub holds for a table, as an admin pulls it. */
async function onHub(table: string, team: TestTeam = env.hub.team): Promise<Array<{ id: string; data: any; deleted: boolean }>> {
  const { body } = await team.admin.get('/v1/sync/pull?cursor=0&limit=1000');
  return body.changes.filter((c: { table: string }) => c.table === table);
}

const promotion = (id: string, patch: Record<string, unknown> = {}) => ({
  id,
  title: 'Soldes d’hiver',
  pitch: '-20 % sur les lampes Aurore',
  code: 'HIVER20',
  startsAt: NOW - DAY,
  endsAt: NOW + 30 * DAY,
  channels: ['email', 'chat'],
  languages: ['fr'],
  offers: ['20 %'],
  ...patch,
});

const fields = (errors: FieldError[]) => errors.map((e) => `${e.path.join('.')}:${e.message.key}`);

describe('field-level errors: nothing reaches the hub', () => {
  test('a promotion that ends before it starts names the end date', async () => {
    const lead = consoleFor(await pairedAs('lead', env.hub));
    const outcome = await lead.publish('promotions', promotion('backwards', { endsAt: NOW - 2 * DAY }));
    expect(outcome.status).toBe('invalid');
    expect(outcome.status === 'invalid' && fields(outcome.errors)).toEqual(['endsAt:fieldEndBeforeStart']);
    expect((await onHub('promotions')).map((c) => c.id)).not.toContain('backwards');
  });

  test('a promotion with a bad code and no title lists both fields', async () => {
    const db = await pairedAs('lead', env.hub);
    const outcome = await consoleFor(db).publish('promotions', promotion('bad', { title: '', code: 'CODE PROMO!' }));
    expect(outcome.status === 'invalid' && fields(outcome.errors).sort()).toEqual(['code:fieldBadCode', 'title:fieldRequired']);
    expect(await publishedRecords(db, 'promotions')).toEqual([]);
  });

  test('a template with an unknown variable and a bad shortcut, and a guide with a term listed twice', async () => {
    const lead = consoleFor(await pairedAs('lead', env.hub));
    const template = await lead.publish('templates', {
      title: 'Remboursement',
      shortcut: 'refund',
      variants: [{ language: 'fr', channel: 'email', body: 'Bonjour {{customer.prenom}}, votre remboursement est en cours.' }],
    });
    expect(template.status === 'invalid' && fields(template.errors).sort()).toEqual(['shortcut:fieldBadShortcut', 'variants.0.body:templateUnknownVariable']);
    const guide = await lead.publish('brand-guide', {
      voice: 'Chaleureuse',
      bannedTerms: [
        { term: 'bug', replacement: 'incident' },
        { term: 'Bug', replacement: 'souci' },
      ],
    });
    expect(guide.status === 'invalid' && fields(guide.errors)).toEqual(['bannedTerms.1.term:guideDuplicateTerm']);
    expect(await onHub('templates')).toEqual([]);
    expect(await onHub('brand-guide')).toEqual([]);
  });
});

describe('publishing', () => {
  test('a lead publishes a promotion: on the hub, in the local store, and an agent’s browser pulls it', async () => {
    const leadDb = await pairedAs('lead', env.hub);
    const outcome = await consoleFor(leadDb).publish('promotions', promotion('winter-sale'));
    expect(outcome).toMatchObject({ status: 'published', record: { id: 'winter-sale', code: 'HIVER20', updatedAt: NOW, priority: 50 } });
    expect((await onHub('promotions')).find((c) => c.id === 'winter-sale')?.data).toMatchObject({ title: 'Soldes d’hiver', endsAt: NOW + 30 * DAY });
    expect((await leadDb.published.get(['promotions', 'winter-sale']))?.data).toMatchObject({ code: 'HIVER20' });

    const agentDb = await pairedBrowser(env.hub);
    await lifeOf(agentDb).sync();
    expect((await agentDb.published.get(['promotions', 'winter-sale']))?.data).toMatchObject({ code: 'HIVER20' });
  });

  test('an id is given to a new template; publishing it again under that id updates it', async () => {
    const leadDb = await pairedAs('admin', env.hub);
    const lead = consoleFor(leadDb);
    const first = await lead.publish('templates', { title: 'Retard', folder: 'Livraison', tags: ['retard'], variants: [{ language: 'fr', body: 'Votre colis a du retard.' }] });
    expect(first.status).toBe('published');
    const id = first.status === 'published' ? (first.record as { id: string }).id : '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await lead.publish('templates', { id, title: 'Retard de livraison', variants: [{ language: 'fr', body: 'Votre colis a du retard.' }] });
    expect((await onHub('templates')).filter((c) => c.id === id).at(-1)?.data.title).toBe('Retard de livraison');
    expect((await publishedRecords(leadDb, 'templates')).map((r) => r.id)).toEqual([id]);
  });

  test('the brand guide’s version goes up on every publish, whatever the form sent', async () => {
    const team = await env.hub.newTeam('Versions');
    const lead = consoleFor(await pairedAs('lead', env.hub, team));
    const guide = { version: 0, voice: 'Chaleureuse et précise', formality: 'vous', channels: [{ channel: 'email', greeting: 'Bonjour {{customer.firstName}},', signOff: 'Belle journée,\n{{agent.name}}' }] };
    expect(await lead.publish('brand-guide', guide)).toMatchObject({ status: 'published', record: { version: 1 } });
    expect(await lead.publish('brand-guide', guide)).toMatchObject({ status: 'published', record: { version: 2, updatedBy: expect.stringContaining('lead') } });
    const onTheHub = await onHub('brand-guide', team);
    expect(onTheHub.map((c) => [c.id, c.data.version])).toEqual([['current', 2]]);
    expect((await lead.state()).guide?.version).toBe(2);
  });

  test('a lead deletes a template: a tombstone on the hub, gone locally and from agents', async () => {
    const leadDb = await pairedAs('lead', env.hub);
    const lead = consoleFor(leadDb);
    await lead.publish('templates', { id: 'to-delete', title: 'Ancien', variants: [{ language: 'en', body: 'Old wording.' }] });
    const agentDb = await pairedBrowser(env.hub);
    await lifeOf(agentDb).sync();
    expect(await agentDb.published.get(['templates', 'to-delete'])).toBeDefined();
    await lead.remove('templates', 'to-delete');
    expect((await onHub('templates')).find((c) => c.id === 'to-delete')?.deleted).toBe(true);
    expect(await leadDb.published.get(['templates', 'to-delete'])).toBeUndefined();
    await lifeOf(agentDb).sync();
    expect(await agentDb.published.get(['templates', 'to-delete'])).toBeUndefined();
  });
});

describe('refusals: nothing half-saved', () => {
  test('the hub refuses an agent; nothing is stored locally and the console is read-only', async () => {
    const agentDb = await pairedAs('agent', env.hub);
    const agent = consoleFor(agentDb);
    expect(await agent.state()).toMatchObject({ paired: true, canEdit: false, member: { role: 'agent' } });
    await expect(agent.publish('promotions', promotion('agent-sale'))).rejects.toMatchObject({ code: 'E_PUBLISH_FORBIDDEN' });
    await expect(agent.remove('promotions', 'winter-sale')).rejects.toMatchObject({ code: 'E_PUBLISH_FORBIDDEN' });
    expect(await publishedRecords(agentDb, 'promotions')).toEqual([]);
    expect((await onHub('promotions')).map((c) => c.id)).not.toContain('agent-sale');
  });

  test('a member promoted to lead on the hub can publish from the console without pairing again', async () => {
    const db = await pairedAs('agent', env.hub);
    const { member } = (await db.syncState.get('pairing'))!.value as { member: { id: string } };
    expect((await env.hub.team.admin.post(`/v1/members/${member.id}/role`, { role: 'lead' })).status).toBe(200);
    expect(await consoleFor(db).state()).toMatchObject({ canEdit: true, member: { role: 'lead' } });
    expect(await consoleFor(db).publish('promotions', promotion('promoted-sale', { code: 'PROMU' }))).toMatchObject({ status: 'published' });
  });

  test('the hub down: a clear error, nothing stored, and publishing works once it is back', async () => {
    const leadDb = await pairedAs('lead', env.hub);
    const lead = consoleFor(leadDb);
    await env.hub.down();
    try {
      await expect(lead.publish('promotions', promotion('offline-sale', { code: 'HORSLIGNE' }))).rejects.toMatchObject({
        code: 'E_HUB_UNREACHABLE',
        message: expect.stringContaining('Nothing was published'),
      });
      expect(await leadDb.published.count()).toBe(0);
    } finally {
      await env.hub.up();
    }
    expect((await onHub('promotions')).map((c) => c.id)).not.toContain('offline-sale');
    expect(await lead.publish('promotions', promotion('offline-sale', { code: 'HORSLIGNE' }))).toMatchObject({ status: 'published' });
  });

  test('not paired: no publishing, and the state says so', async () => {
    const lone = consoleFor(new ContinuumDb(`continuum-console-lone-${Math.random()}`));
    expect(await lone.state()).toMatchObject({ paired: false, canEdit: false, member: null });
    await expect(lone.publish('promotions', promotion('lone'))).rejects.toMatchObject({ code: 'E_HUB_NOT_PAIRED' });
  });

  test('only extension pages may send console messages (the sidebar is refused)', async () => {
    const handlers = createConsoleHandlers({ db: () => new ContinuumDb('unused') });
    const route = createRouter(handlers as never, 'ext-id');
    const reply = await route({ name: 'console/publish', payload: { table: 'promotions', record: {} } }, { id: 'ext-id', url: 'chrome-extension://ext-id/src/sidebar/index.html' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN_SENDER' } });
  });
});

describe('preview for a sample customer', () => {
  test('a template renders with the customer’s first name, and the brand check flags a banned term', async () => {
    const team = await env.hub.newTeam('Preview');
    const lead = consoleFor(await pairedAs('lead', env.hub, team));
    await lead.publish('brand-guide', { voice: 'Chaleureuse', bannedTerms: [{ term: 'malheureusement', replacement: '' }] });
    const preview = await lead.preview({
      table: 'templates',
      record: { title: 'Suivi', variants: [{ language: 'fr', channel: 'email', body: 'Bonjour {{customer.firstName}}, malheureusement votre colis n° [[fill: numéro]] a du retard.' }] },
      sampleId: 'sample:fr',
      channel: 'email',
      language: 'fr',
    });
    expect(preview.errors).toEqual([]);
    expect(preview.text).toContain('Bonjour Élodie, malheureusement');
    expect(preview.unfilled).toEqual(['numéro']);
    expect(preview.canInsert).toBe(false);
    expect(preview.issues.map((i) => i.code)).toContain('banned-term');
  });

  test('a promotion renders its code and end date, with eligibility for the customer; errors come back by field', async () => {
    const lead = consoleFor(await pairedAs('lead', env.hub));
    const request = { table: 'promotions' as const, sampleId: 'sample:en', channel: 'email', language: 'en' as const };
    const preview = await lead.preview({ ...request, record: promotion('preview-sale', { languages: ['fr'], eligibility: { customerKind: 'existing' } }) });
    expect(preview.text).toMatch(/^-20 % sur les lampes Aurore Use code HIVER20 until December 23\.$/);
    expect(preview.eligibility).toEqual({ eligible: false, reasons: ['language', 'existing-customers-only'] });
    const broken = await lead.preview({ ...request, record: promotion('preview-sale', { endsAt: NOW - 2 * DAY }) });
    expect(fields(broken.errors)).toEqual(['endsAt:fieldEndBeforeStart']);
    expect(broken.text).toBe('');
  });
});
