/** What the e2e tests do in the Experiments view, in the words of its automation hooks (data-testid). */
import type { Page } from 'playwright-core';

export interface FormSpec {
  input: string;
  strategy: string;
  params?: Record<string, string>;
  sql?: string;
  cash?: string;
  commissionFixed?: string;
  commissionRelative?: string;
  spread?: string;
  margin?: string;
  exclusiveOrders?: boolean;
  tradeOnClose?: boolean;
  finalizeTrades?: boolean;
  hedging?: boolean;
  seed?: string;
  label?: string;
}

export async function openExperiments(page: Page): Promise<void> {
  await page.getByTestId('tab-experiments').click();
  await page.getByTestId('experiments-view').waitFor();
  await page.getByTestId('experiment-new').waitFor({ timeout: 60_000 });
}

/** Opens a fresh "new experiment" form and fills every field given (the rest keep what the form had). */
export async function fillForm(page: Page, spec: FormSpec): Promise<void> {
  await page.getByTestId('experiment-new').click();
  await page.getByTestId('experiment-form').waitFor();
  await page.getByTestId('exp-input').selectOption(spec.input);
  await page.getByTestId('exp-strategy').selectOption(spec.strategy);
  for (const [name, value] of Object.entries(spec.params ?? {})) await page.getByTestId(`exp-param-${name}`).fill(value);
  if (spec.sql !== undefined) await page.getByTestId('exp-sql').fill(spec.sql);
  const text: [keyof FormSpec, string][] = [
    ['cash', 'exp-cash'],
    ['margin', 'exp-margin'],
    ['commissionFixed', 'exp-commission-fixed'],
    ['commissionRelative', 'exp-commission-relative'],
    ['spread', 'exp-spread'],
    ['seed', 'exp-seed'],
    ['label', 'exp-label'],
  ];
  for (const [key, testid] of text) if (spec[key] !== undefined) await page.getByTestId(testid).fill(String(spec[key]));
  const flags: [keyof FormSpec, string][] = [
    ['exclusiveOrders', 'exp-exclusive-orders'],
    ['tradeOnClose', 'exp-trade-on-close'],
    ['finalizeTrades', 'exp-finalize-trades'],
    ['hedging', 'exp-hedging'],
  ];
  for (const [key, testid] of flags) if (spec[key] !== undefined) await page.getByTestId(testid).setChecked(Boolean(spec[key]));
}

/** The experiment on screen (its detail), once it reached one of `statuses`. */
export async function detailWhen(page: Page, statuses: string[], timeout = 90_000): Promise<{ id: string; status: string }> {
  const selector = statuses.map((s) => `[data-testid="experiment-detail"][data-status="${s}"]`).join(', ');
  const detail = page.locator(selector).first();
  await detail.waitFor({ timeout });
  return { id: (await detail.getAttribute('data-experiment-id')) ?? '', status: (await detail.getAttribute('data-status')) ?? '' };
}

/** Submits the form with "Create & run" and waits for the run to end; returns the experiment and its resultHash. */
export async function createAndRun(page: Page): Promise<{ id: string; status: string; resultHash: string }> {
  await page.getByTestId('experiment-create-run').click();
  await page.getByTestId('experiment-detail').waitFor();
  const end = await detailWhen(page, ['done', 'failed', 'cancelled', 'interrupted']);
  if (end.status !== 'done')
    throw new Error(
      `experiment ${end.id} ${end.status}: ${await page
        .getByTestId('experiment-error')
        .textContent()
        .catch(() => '')}`,
    );
  return { ...end, resultHash: (await page.getByTestId('result-hash').textContent()) ?? '' };
}

export function experimentRow(page: Page, id: string) {
  return page.locator(`[data-testid="experiment-row"][data-experiment-id="${id}"]`);
}

/** The universe (lab) profile's fields, as the form names them. */
export interface LabFormSpec {
  strategy: string;
  params?: Record<string, string>;
  /** Instrument parameters (pairs' y and x) by instrument name. */
  legs?: Record<string, string>;
  cash?: string;
  commissionRelative?: string;
  allowShort?: boolean;
  seed?: string;
  label?: string;
}

/** Opens a fresh "new experiment" form on the universe (lab) profile. */
export async function openLabForm(page: Page): Promise<void> {
  await page.getByTestId('experiment-new').click();
  await page.getByTestId('experiment-form').waitFor();
  await page.getByTestId('exp-profile-lab').check();
  await page.locator('[data-testid="exp-profile"][data-profile="lab"]').waitFor();
}

/** The universe picker's selection count, once it is `n`. */
export async function universeCount(page: Page, n: number, timeout = 60_000): Promise<void> {
  await page.locator(`[data-testid="universe-count"][data-count="${n}"]`).waitFor({ timeout });
}

/** Replaces the selection with exactly these instruments (by name), ticked in this order. */
export async function pickUniverse(page: Page, names: readonly string[]): Promise<void> {
  if ((await page.getByTestId('universe-clear').isEnabled()) === true) await page.getByTestId('universe-clear').click();
  await universeCount(page, 0);
  for (const [k, name] of names.entries()) {
    await page.getByTestId('universe-filter').fill(name);
    const row = page.locator('[data-testid="universe-row"]').filter({ has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) });
    await row.locator('input[type="checkbox"]').check();
    await universeCount(page, k + 1);
  }
  await page.getByTestId('universe-filter').fill('');
}

/** Fills the lab strategy and the fields given (the universe comes from the picker). */
export async function fillLabForm(page: Page, spec: LabFormSpec): Promise<void> {
  await page.getByTestId('exp-lab-strategy').selectOption(spec.strategy);
  await page.locator(`[data-testid="strategy-params"][data-profile="lab"][data-strategy="${spec.strategy}"]`).waitFor();
  for (const [name, value] of Object.entries(spec.params ?? {})) await page.getByTestId(`exp-param-${name}`).fill(value);
  for (const [name, instrument] of Object.entries(spec.legs ?? {})) await page.getByTestId(`exp-leg-${name}`).selectOption(instrument);
  const text: [keyof LabFormSpec, string][] = [
    ['cash', 'exp-lab-cash'],
    ['commissionRelative', 'exp-lab-commissionRelative'],
    ['seed', 'exp-seed'],
    ['label', 'exp-label'],
  ];
  for (const [key, testid] of text) if (spec[key] !== undefined) await page.getByTestId(testid).fill(String(spec[key]));
  if (spec.allowShort !== undefined) await page.getByTestId('exp-lab-allow-short').setChecked(spec.allowShort);
}
