export function startDemoServer(options?: { port?: number; host?: string }): Promise<{ origin: string; port: number; close(): Promise<void> }>;
