/**
 * An unreliable network between the extension and the hub (node:http): a share of the requests
 * is dropped before reaching the hub, dropped after the hub answered (the answer is lost),
 * delivered twice, held back so later requests overtake it, or delayed.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAULTS = ['drop-before', 'drop-after', 'duplicate', 'reorder', 'delay'] as const;
export type Fault = (typeof FAULTS)[number];

export interface ChaosProxy {
  url: string;
  /** Faults apply only while enabled (setup goes through untouched). */
  enabled: boolean;
  stats: { requests: number; faulty: number } & Record<Fault, number>;
  /** Waits for duplicated copies still travelling to the hub. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `random` is injectable so a failing run can be replayed with the same seed. */
export async function startChaosProxy(target: string, { rate = 0.2, random = Math.random } = {}): Promise<ChaosProxy> {
  const hub = new URL(target);
  const stats = { requests: 0, faulty: 0, ...Object.fromEntries(FAULTS.map((fault) => [fault, 0])) } as ChaosProxy['stats'];
  const travelling = new Set<Promise<unknown>>();
  /** Requests held back until a later one has gone through (or 100 ms passed). */
  let held: Array<() => void> = [];

  function forward(req: IncomingMessage, body: Buffer): Promise<Answer> {
    const sent = new Promise<Answer>((resolve, reject) => {
      const out = httpRequest(
        { host: hub.hostname, port: hub.port, method: req.method, path: req.url, headers: { ...req.headers, host: hub.host } },
        (res) => void readBody(res).then((data) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: data }), reject),
      );
      out.on('error', reject);
      out.end(body);
    });
    // Whatever the client sees, the hub keeps working on a request it received.
    const tracked = sent.catch(() => undefined).finally(() => travelling.delete(tracked));
    travelling.add(tracked);
    const waiting = held;
    held = [];
    for (const release of waiting) release();
    return sent;
  }

  function answer(res: ServerResponse, { status, headers, body }: Answer) {
    const { 'content-length': _length, 'transfer-encoding': _encoding, connection: _connection, ...rest } = headers;
    res.writeHead(status, { ...rest, 'content-length': body.length });
    res.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, fault: Fault | null) {
    const body = await readBody(req);
    switch (fault) {
      case 'drop-before':
        return res.socket?.destroy();
      case 'drop-after':
        await forward(req, body);
        return res.socket?.destroy();
      case 'duplicate': {
        const first = forward(req, body);
        void sleep(random() * 30).then(() => forward(req, body).catch(() => undefined));
        return answer(res, await first);
      }
      case 'reorder':
        await new Promise<void>((resolve) => {
          held.push(resolve);
          setTimeout(resolve, 100);
        });
        return answer(res, await forward(req, body));
      case 'delay':
        await sleep(5 + random() * 45);
        return answer(res, await forward(req, body));
      default:
        return answer(res, await forward(req, body));
    }
  }

  const server = createServer((req, res) => {
    stats.requests++;
    const fault = proxy.enabled && random() < rate ? FAULTS[Math.floor(random() * FAULTS.length)]! : null;
    if (fault) {
      stats.faulty++;
      stats[fault]++;
    }
    handle(req, res, fault).catch(() => res.socket?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: ChaosProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    enabled: false,
    stats,
    async drain() {
      while (travelling.size) await Promise.all(travelling);
    },
    async close() {
      await proxy.drain();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
