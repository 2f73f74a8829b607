/**
 * One section's calls to the background (`console/team`): a busy flag and the hub's error shown
 * next to the section, never thrown at the page.
 */
import type { RequestOf } from '../../shared/messages';
import { send } from '../../shared/messaging';

export type TeamRequest = RequestOf<'console/team'>;

export function createRunner() {
  let busy = $state(false);
  let error = $state('');
  return {
    get busy() {
      return busy;
    },
    get error() {
      return error;
    },
    /** Resolves to the hub's answer, or undefined when it failed (the error is shown). */
    async run<T>(request: TeamRequest): Promise<T | undefined> {
      busy = true;
      error = '';
      try {
        return (await send('console/team', request)) as T;
      } catch (e) {
        error = (e as Error).message;
        return undefined;
      } finally {
        busy = false;
      }
    },
  };
}

/** A hub time (ISO string or epoch ms) for display. */
export function when(value: string | number | null | undefined, locale: string): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString(locale);
}
