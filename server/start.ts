import { type ServerType, serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { type Hub, type HubOptions, createHub } from './app.ts';

export interface RunningHub {
  hub: Hub;
  server: ServerType;
  /** `http://host:port`, with the port actually bound (0 picks a free one). */
  url: string;
  close(): Promise<void>;
}

/** Serves a hub over HTTP. Closing stops the server and the hub, not the database. */
export async function startHub(options: HubOptions & { port?: number; host?: string }): Promise<RunningHub> {
  const hub = await createHub(options);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: hub.fetch, port: options.port ?? 8787, hostname: host }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    hub,
    server,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    async close() {
      await hub.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}
