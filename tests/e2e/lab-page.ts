/** What the e2e tests do with the lab's page, in the words of its automation hooks (data-testid). */
import type { Page } from 'playwright-core';

export type ViewName = 'research' | 'artifacts' | 'quarantine' | 'storage';

export async function openView(page: Page, view: ViewName): Promise<void> {
  await page.getByTestId(`tab-${view}`).click();
  await page.getByTestId(view === 'research' ? 'run-status' : `${view}-view`).waitFor();
}

/**
 * The import-result row of a file once it reached one of `statuses`, after the import queue went idle (by then the
 * lists have been read again from the store).
 */
export async function importResult(page: Page, file: string, statuses: string[], timeout = 60_000): Promise<{ status: string; text: string }> {
  const selector = statuses.map((s) => `[data-testid="import-result"][data-file="${file}"][data-status="${s}"]`).join(', ');
  const row = page.locator(selector).first();
  await row.waitFor({ timeout });
  await page.getByTestId('import-progress').waitFor({ state: 'detached', timeout });
  return { status: (await row.getAttribute('data-status')) ?? '', text: (await row.textContent()) ?? '' };
}

export async function runOnce(page: Page): Promise<string> {
  await page.getByTestId('run-button').click();
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid="run-status"]')?.textContent;
    return s === 'done' || s === 'failed';
  });
  const status = await page.getByTestId('run-status').textContent();
  if (status !== 'done')
    throw new Error(
      `run ${status}: ${await page
        .getByTestId('run-error')
        .textContent()
        .catch(() => '')}`,
    );
  return (await page.getByTestId('result-hash').textContent()) ?? '';
}

export async function selectInstrument(page: Page, artifactId: string): Promise<void> {
  await page.locator(`[data-testid="instrument"][data-instrument-id="${artifactId}"]`).click();
  await page.waitForFunction(
    (id) => document.querySelector('[data-testid="instrument-artifact"]')?.getAttribute('data-artifact-id') === id,
    artifactId,
  );
  await page.locator('[data-testid="price-chart"] canvas').waitFor();
}

export async function artifactIds(page: Page): Promise<string[]> {
  await openView(page, 'artifacts');
  const ids = await page.locator('[data-testid="artifact-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-artifact-id') ?? ''));
  return ids.sort();
}

export async function quarantineFiles(page: Page): Promise<string[]> {
  await openView(page, 'quarantine');
  const files = await page.locator('[data-testid="quarantine-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-file') ?? ''));
  return files.sort();
}

/** Opens an artifact's details in the Artifacts view and waits for its first rows (built via a projection). */
export async function showArtifact(page: Page, id: string): Promise<void> {
  await openView(page, 'artifacts');
  await page.locator(`[data-testid="artifact-row"][data-artifact-id="${id}"] button`).click();
  await page.locator(`[data-testid="artifact-details"][data-artifact-id="${id}"] [data-testid="rows-preview"]`).waitFor({ timeout: 30_000 });
}

export async function storeUsage(page: Page): Promise<{ blobs: number; unreferenced: number }> {
  await openView(page, 'storage');
  const usage = page.getByTestId('storage-usage');
  await page.waitForFunction(() => document.querySelector('[data-testid="storage-usage"]')?.getAttribute('data-blobs') !== '');
  return { blobs: Number(await usage.getAttribute('data-blobs')), unreferenced: Number(await usage.getAttribute('data-unreferenced-blobs')) };
}
