import { startDemoServer } from '../../../scripts/demo-server.mjs';

export interface DemoServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves tests/fixtures on a free localhost port. */
export function serveFixtures(): Promise<DemoServer> {
  return startDemoServer({ port: 0 }) as Promise<DemoServer>;
}
