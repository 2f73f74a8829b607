import { v7 as uuidv7 } from 'uuid';
import type { Database, DatabaseKind } from '../../../server/db/types.ts';
import { type RunningHub, startHub } from '../../../server/start.ts';
import { createTeamWithAdmin } from '../../../server/teams.ts';
import { type Backend, createBackend } from './backends.ts';

export interface Reply<T = any> {
  status: number;
  body: T;
}

/** A small HTTP client for one hub and one token. */
export class Client {
  constructor(
    readonly url: string,
    readonly token?: string,
  ) {}

  as(token: string | undefined) {
    return new Client(this.url, token);
  }

  /** The same member talking to another hub instance. */
  asUrl(url: string) {
    return new Client(url, this.token);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (this.token) (init.headers as Record<string, string>).authorization = `Bearer ${this.token}`;
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
      init.body = typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body);
    }
    const response = await fetch(this.url + path, init);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Kept as text: the assertion will show it.
    }
    return { status: response.status, body: parsed as T };
  }
  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
  push(ops: Array<Record<string, unknown>>) {
    return this.post('/v1/sync/push', { ops: ops.map((op) => ({ opId: uuidv7(), ...op })) });
  }
}

export async function startTestHub(db: Database, options: { pingMs?: number; pollMs?: number } = {}): Promise<RunningHub> {
  return startHub({ db, port: 0, pingMs: options.pingMs ?? 60_000, pollMs: options.pollMs ?? 5_000 });
}

export interface TestTeam {
  id: string;
  admin: Client;
  lead: Client;
  agent: Client;
  adminId: string;
  leadId: string;
  agentId: string;
}

/** A team with an admin (CLI path), and a lead and an agent paired through invites. */
export async function createTestTeam(db: Database, url: string, name: string): Promise<TestTeam> {
  const created = await createTeamWithAdmin(db, { team: name, name: `${name} admin` });
  const admin = new Client(url, created.token);
  const join = async (role: 'lead' | 'agent') => {
    const invite = await admin.post('/v1/invites', { role });
    const paired = await new Client(url).post('/v1/pair', { inviteCode: invite.body.code, deviceName: `${role} laptop`, name: `${name} ${role}` });
    if (paired.status !== 200) throw new Error(`pairing failed: ${JSON.stringify(paired.body)}`);
    return { client: new Client(url, paired.body.token), id: paired.body.member.id as string };
  };
  const lead = await join('lead');
  const agent = await join('agent');
  return { id: created.team.id, admin, lead: lead.client, agent: agent.client, adminId: created.member.id, leadId: lead.id, agentId: agent.id };
}

export interface HubFixture {
  backend: Backend;
  db: Database;
  hub: RunningHub;
  team: TestTeam;
  close(): Promise<void>;
}

/** A fresh database of `kind`, a hub serving it, and one team with an admin, a lead and an agent. */
export async function hubFixture(kind: DatabaseKind, teamName: string, options?: { pingMs?: number; pollMs?: number }): Promise<HubFixture> {
  const backend = await createBackend(kind);
  const db = await backend.open();
  const hub = await startTestHub(db, options);
  const team = await createTestTeam(db, hub.url, teamName);
  return {
    backend,
    db,
    hub,
    team,
    async close() {
      await hub.close();
      await backend.dispose();
    },
  };
}
