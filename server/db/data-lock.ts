import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite is one process's database: a second process opening the same directory (a second hub, or
 * `create-admin` while the hub runs) would corrupt it. A pid file in HUB_DATA keeps it to one.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'hub.pid');
  for (let attempt = 0; ; attempt++) {
    try {
      // Exclusive create: of two processes starting together, one gets the file.
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const pid = Number(readFileSync(file, 'utf8'));
      if (pid && alive(pid)) {
        throw new Error(`Another hub process (pid ${pid}) is using ${dataDir}. Stop it first, or use DATABASE_URL for several processes.`);
      }
      // Left behind by a process that crashed.
      rmSync(file, { force: true });
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
