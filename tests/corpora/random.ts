/** Seeded randomness, so generated corpora are the same on every run (Mulberry32, shared with the metrics fixtures). */
export { random as mulberry32 } from '../../server/metrics/synthetic';

export function pick<T>(items: readonly T[], rnd: () => number): T {
  return items[Math.floor(rnd() * items.length)]!;
}

export function digits(count: number, rnd: () => number): string {
  let s = '';
  for (let i = 0; i < count; i++) s += Math.floor(rnd() * 10);
  return s;
}
