/**
 * Pulls the hub's changes after the stored cursor, page by page, each page applied with its
 * cursor in one transaction (apply.ts). The cursor is the hub's sequence, never a client clock.
 */
import type { ContinuumDb } from '../../storage/db';
import { applyChanges, type ApplyResult, type HubOwnedTable } from './apply';
import { HubError, type HubClient } from './hub-client';
import { getCursor, setCursor } from './sync-state';

const CURSOR_AHEAD = 'E_CURSOR_AHEAD';

export interface PullReport {
  applied: number;
  rejected: number;
  cursor: number;
  published: Set<HubOwnedTable>;
}

/** `onPage` hears each applied page (published tables changed), even if a later page fails. */
export async function pullChanges(db: ContinuumDb, client: HubClient, onPage?: (result: ApplyResult) => void, limit = 500): Promise<PullReport> {
  const report: PullReport = { applied: 0, rejected: 0, cursor: await getCursor(db), published: new Set() };
  for (;;) {
    const page = await client.pull(report.cursor, limit).catch(async (error: unknown) => {
      // The hub is behind this browser (restored from a backup): read it all again; applying is idempotent.
      if (!(error instanceof HubError && error.code === CURSOR_AHEAD) || report.cursor === 0) throw error;
      await setCursor(db, (report.cursor = 0));
      return client.pull(0, limit);
    });
    const result = await applyChanges(db, page.changes, page.cursor);
    onPage?.(result);
    report.applied += result.applied;
    report.rejected += result.rejected;
    for (const table of result.published) report.published.add(table);
    const moved = result.cursor > report.cursor;
    report.cursor = result.cursor;
    if (!page.more || !moved) return report;
  }
}
