/**
 * The lead console's Metrics tab, as a lead uses it: open the console, pick the period and the
 * grouping, press Show. `cell(key, figure)` is one figure of the table's row for a group.
 */
import type { Page } from 'playwright-core';
import type { ChromiumSession } from './chromium';

export async function openMetrics(browser: ChromiumSession, view: { from: string; to: string; groupBy: string }): Promise<{ page: Page; cell: (key: string, figure: string) => ReturnType<Page['locator']> }> {
  const page = await browser.context.newPage();
  await page.goto(`${browser.extensionOrigin}/src/console/index.html`);
  await page.getByRole('tab', { name: /^(Metrics|Indicateurs)$/ }).click();
  await page.getByTestId('metrics-from').fill(view.from);
  await page.getByTestId('metrics-to').fill(view.to);
  await page.getByTestId('metrics-group-by').selectOption(view.groupBy);
  await page.getByTestId('metrics-show').click();
  const cell = (key: string, figure: string) => page.locator(`[data-testid="metrics-table"] tr[data-key="${key}"] td[data-figure="${figure}"]`);
  return { page, cell };
}
