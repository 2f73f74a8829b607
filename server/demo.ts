/**
 * The demo team `npm start` runs: "Maison Lumière" (the helpdesk demo's shop), an admin, a lead
 * and an agent, a brand guide, templates with shortcuts and an active promotion, in French.
 * Seeding is idempotent (a team of that name already there is left as it is), and the demo
 * invite route, which hands an agent invite to whoever holds this run's demo secret, exists only
 * on a demo hub.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import { z } from 'zod';
import { v7 as uuidv7 } from 'uuid';
import type { AuthContext } from './auth/roles.ts';
import { migrate } from './db/migrations.ts';
import type { Database } from './db/types.ts';
import { parseWith, readJson } from './http/body.ts';
import { SMALL_BODY, type HubDeps, type HubEnv } from './http/env.ts';
import { errorBody, HubError, HubErrorCode } from './http/errors.ts';
import { push } from './sync/push.ts';
import { createInvite, createTeamWithAdmin, pair } from './teams.ts';

export const DEMO_TEAM = 'Maison Lumière';
export const DEMO_PATH = '/v1/demo';
export const DEMO_INVITE_PATH = '/v1/demo/invite';
const DAY = 86_400_000;

export interface DemoSeed {
  teamId: string;
  /** False when the team was there already (a restart). */
  created: boolean;
  /** The admin's API token, shown once, when the team is created. */
  adminToken?: string;
}

async function demoTeamId(db: Database): Promise<string | undefined> {
  const [team] = await db.query<{ id: string }>('SELECT id FROM teams WHERE name = $1 ORDER BY created_at, id LIMIT 1', [DEMO_TEAM]);
  return team?.id;
}

/** A member who joins through an invite, as a real one would (no browser kept: the token is dropped). */
async function join(db: Database, teamId: string, adminId: string, role: 'lead' | 'agent', name: string) {
  const invite = await db.transaction((tx) => createInvite(tx, teamId, adminId, { role, name, maxUses: 1, expiresInHours: 1 }));
  return (await pair(db, { inviteCode: invite.code, deviceName: 'demo seed', name })).member;
}

function publishedRecords(now: number) {
  const guide = {
    version: 1,
    voice: 'Chaleureuse, précise et élégante : on vouvoie, on rassure, on propose une solution concrète.',
    formality: 'vous',
    useFirstName: true,
    channels: [
      { channel: 'email', language: 'fr', greeting: 'Bonjour {prénom},', signOff: 'Bien à vous,\nL’équipe Maison Lumière', emoji: 'never' },
      { channel: 'instagram', language: 'fr', greeting: 'Bonjour {prénom} !', maxLength: 600, emoji: 'sparingly' },
    ],
    preferredTerms: [{ term: 'problème', replacement: 'souci', language: 'fr', note: 'Plus doux' }],
    bannedTerms: [{ term: 'pas de chance', language: 'fr', note: 'Jamais de fatalisme' }],
    disclaimers: [{ topic: 'Retours', keywords: ['retour', 'rembourser', 'remboursement'], text: 'Les retours sont gratuits sous 30 jours.', language: 'fr' }],
    updatedAt: now,
    updatedBy: 'Hugo Lefèvre',
  };
  const template = (id: string, title: string, shortcut: string, body: string, extra: Record<string, unknown> = {}) => ({
    id,
    title,
    folder: 'Service client',
    shortcut,
    variants: [{ language: 'fr', channel: 'default', body }],
    updatedAt: now,
    ...extra,
  });
  const promotion = {
    id: 'soldes-hiver',
    title: 'Soldes d’hiver',
    pitch: '-20 % sur toutes les lampes de chevet jusqu’à fin janvier, avec le code HIVER20.',
    code: 'HIVER20',
    startsAt: now - DAY,
    endsAt: now + 60 * DAY,
    channels: ['email', 'instagram'],
    languages: ['fr'],
    priority: 70,
    offers: ['-20 % sur les lampes de chevet'],
    updatedAt: now,
  };
  return [
    { table: 'brand-guide', id: 'current', data: guide },
    { table: 'templates', id: 'livraison-retard', data: template('livraison-retard', 'Retard de livraison', ';retard', 'Bonjour {prénom},\n\nToutes nos excuses pour ce retard : votre colis est en route et arrivera sous 48 h.\n\nBien à vous,') },
    { table: 'templates', id: 'produit-casse', data: template('produit-casse', 'Produit arrivé cassé', ';casse', 'Bonjour {prénom},\n\nNous sommes désolés : nous vous envoyons un remplacement dès aujourd’hui, sans frais. Inutile de nous renvoyer l’article abîmé.\n\nBien à vous,') },
    { table: 'templates', id: 'soldes', data: template('soldes', 'Soldes d’hiver', ';soldes', 'Bonne nouvelle : -20 % sur les lampes de chevet avec le code HIVER20, jusqu’à fin janvier.', { promotionId: 'soldes-hiver' }) },
    { table: 'promotions', id: promotion.id, data: promotion },
  ];
}

/** Creates the demo team once; later calls find it and change nothing. */
export async function seedDemo(db: Database, now = Date.now()): Promise<DemoSeed> {
  await migrate(db);
  const existing = await demoTeamId(db);
  if (existing) return { teamId: existing, created: false };
  const created = await createTeamWithAdmin(db, { team: DEMO_TEAM, name: 'Claire Fontaine' });
  const teamId = created.team.id;
  const lead = await join(db, teamId, created.member.id, 'lead', 'Hugo Lefèvre');
  await join(db, teamId, created.member.id, 'agent', 'Inès Moreau');
  // Published as the lead would, through the hub's own push (validated against the shared models).
  const auth: AuthContext = { teamId, teamName: DEMO_TEAM, memberId: lead.id, memberName: lead.name, role: 'lead', tokenId: '', tokenHash: '' };
  const ops = publishedRecords(now).map((op) => ({ ...op, opId: uuidv7() }));
  const { results } = await push(db, auth, ops, 'continuum_hub');
  const refused = results.find((result) => result.status === 'rejected');
  if (refused) throw new Error(`The demo seed was refused: ${refused.code} ${refused.message}`);
  return { teamId, created: true, adminToken: created.token };
}

/**
 * HMAC-SHA256 of `text` under the demo secret, in hex: the same on both sides
 * (src/background/sync/dev-pairing.ts). Each side signs its own prefix (`browser|`, `hub|`) so
 * neither proof can be replayed as the other.
 */
export function demoProof(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}

function sameProof(secret: string, text: string, proof: unknown): boolean {
  const expected = Buffer.from(demoProof(secret, text));
  return typeof proof === 'string' && proof.length === expected.length && timingSafeEqual(Buffer.from(proof), expected);
}

const Nonce = z.string().regex(/^[0-9a-f]{32,128}$/);
const InviteBody = z.strictObject({ nonce: Nonce, proof: z.string().max(200) });

/**
 * The demo hub's routes, for a development build to pair without anyone typing a code. `secret`
 * is the one `npm start` generated for this run and wrote into the development builds
 * (scripts/start.mjs), so that each side can tell the other is the one npm start launched:
 * - `GET /v1/demo?nonce=…`: the hub proves it knows the secret (the settings page's probe);
 * - `POST /v1/demo/invite {nonce, proof}`: the browser proves it, and receives a fresh one-use
 *   agent invite to the demo team with the hub's proof over the nonce and the code.
 * Register them only on a demo hub (HUB_DEMO=1).
 */
export function demoRoutes(secret: string): (app: Hono<HubEnv>, deps: Pick<HubDeps, 'db'>) => void {
  if (secret.length < 32) throw new Error('The demo secret must be at least 32 characters (scripts/start.mjs makes one)');
  return (app, { db }) => {
    app.get(DEMO_PATH, (c) => {
      const nonce = parseWith(z.object({ nonce: Nonce }), c.req.query(), 'query').nonce;
      return c.json({ team: { name: DEMO_TEAM }, proof: demoProof(secret, `hub|${nonce}`) });
    });
    app.post(DEMO_INVITE_PATH, async (c) => {
      const { nonce, proof } = await readJson(c, InviteBody, SMALL_BODY);
      if (!sameProof(secret, `browser|${nonce}`, proof)) throw new HubError(403, HubErrorCode.Forbidden, 'Not the demo secret of this hub (npm start writes it into the development builds)');
      const teamId = await demoTeamId(db);
      if (!teamId) return c.json(errorBody(HubErrorCode.NotFound, 'No demo team on this hub'), 404);
      const invite = await db.transaction((tx) => createInvite(tx, teamId, null, { role: 'agent', maxUses: 1, expiresInHours: 1 }));
      return c.json({
        code: invite.code,
        role: invite.role,
        expiresAt: invite.expiresAt,
        team: { id: teamId, name: DEMO_TEAM },
        proof: demoProof(secret, `hub|${nonce}|${invite.code}`),
      });
    });
  };
}
