// `npm run bench -- metrics`: the lead console's dashboard against PostgreSQL at 127.0.0.1:5432
// (BENCH_POSTGRES_URL to change it); the work is in server/metrics/bench.ts (TypeScript, via tsx).
import { tsImport } from 'tsx/esm/api';

export async function metricsBench() {
  const { runMetricsBench } = await tsImport('../server/metrics/bench.ts', import.meta.url);
  return runMetricsBench({
    events: Number(process.env.BENCH_EVENTS ?? 1_000_000),
    customers: Number(process.env.BENCH_CUSTOMERS ?? 100_000),
    agents: 50,
    samples: Number(process.env.BENCH_SAMPLES ?? 40),
  });
}
