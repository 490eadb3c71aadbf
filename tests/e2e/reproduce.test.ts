/**
 * Reproducible runs and offline install, in Chromium with every non-localhost request blocked:
 * - after one visit, the lab loads from its service worker with the server gone and the network off, and runs;
 * - a run link made in Node by the CLI (the pinned GOOG experiment) opened in a fresh profile: GOOG is asked for,
 *   a wrong file is refused, GOOG.csv accepted, the re-run is `identical` with the pinned resultHash; a link that
 *   expects another result says `different` / `result`; a link is shown as text, never as HTML;
 * - a bundle with one byte changed is refused with the file named and the store unchanged; the intact bundle
 *   imports (deduplicated against what the re-run stored).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main';
import { decodeRunLink, encodeRunLink } from '../../src/core/reproduce/run-link';
import { sharedDataPath } from '../helpers/shared-data';
import { launchOffline, type OfflineBrowser } from './browser';
import { artifactIds, openView, runOnce, storeUsage } from './lab-page';
import { GOOG_HASH, GOOG_SMA_SPEC as SPEC, GOOG_SMA_RESULT_HASH as RESULT_HASH } from '../helpers/goog-experiment';

const baseUrl = inject('baseUrl');
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const EXPERIMENT_ID = 'exp_99c61648f98d6fec74bccb88';

const work = mkdtempSync(join(tmpdir(), 'quantlab-e2e-reproduce-'));
let fragment = '';
let bundle = '';
let tampered = '';

async function cli(args: string[]): Promise<string> {
  let out = '';
  await main(args, (s) => (out += s));
  return out;
}

/** Where an entry's bytes start in a bundle: after its local header (PK\3\4, 30 bytes) and its name. */
function entryData(zip: Buffer, name: string): number {
  for (let at = zip.indexOf('PK\u0003\u0004'); at >= 0; at = zip.indexOf('PK\u0003\u0004', at + 1)) {
    if (zip.toString('latin1', at + 30, at + 30 + name.length) === name) return at + 30 + name.length;
  }
  throw new Error(`${name} is not in the archive`);
}

beforeAll(async () => {
  // The pinned experiment, run and linked with the CLI's own commands.
  const store = join(work, 'store');
  const spec = join(work, 'goog.json');
  writeFileSync(spec, JSON.stringify(SPEC));
  await cli(['artifacts', 'import', sharedDataPath('GOOG.csv'), '--store', store]);
  await cli(['experiments', 'run', spec, '--store', store]);
  fragment = (await cli(['experiments', 'link', EXPERIMENT_ID, '--fragment', '--store', store])).trim();
  bundle = join(work, 'goog.zip');
  await cli(['experiments', 'export', EXPERIMENT_ID, bundle, '--with-inputs', '--store', store]);
  const copy = readFileSync(bundle);
  copy[entryData(copy, 'results/equity.parquet') + 1000] ^= 0x01;
  tampered = join(work, 'goog-tampered.zip');
  writeFileSync(tampered, copy);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Records Content-Security-Policy violations of every page of the context. */
async function watchCsp(b: OfflineBrowser): Promise<void> {
  await b.context.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as { __csp?: string[] }).__csp ?? []);
}

describe('offline install', () => {
  let b: OfflineBrowser;
  let server: PreviewServer | undefined;

  beforeAll(async () => {
    // A server of its own: this test takes it away.
    server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
    b = await launchOffline();
    await watchCsp(b);
  });

  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  it('after one visit, loads from the service worker with the server stopped and the network off, and runs', async () => {
    const url = server!.resolvedUrls!.local[0];
    const { page, context } = b;
    await page.goto(url);
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
    // Installed: active, controlling the page, every file of the build in its cache.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 90_000 });
    const precached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const cache = await caches.open(keys.find((k) => k.startsWith('quantlab-precache-'))!);
      return (await cache.keys()).map((r) => new URL(r.url).pathname.slice(1)).sort();
    });
    const listed = JSON.parse(/const PRECACHE = (\{.*?\}) \?\?/.exec(readFileSync(join(DIST, 'sw.js'), 'utf8'))![1]) as { files: string[] };
    expect(precached).toEqual(listed.files);
    expect(listed.files.filter((f) => f.endsWith('.wasm')).length).toBeGreaterThanOrEqual(4);

    await server!.close();
    server = undefined;
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    expect(await runOnce(page)).toMatch(/^[0-9a-f]{64}$/);
    expect(b.externalRequests).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});

describe('a run link opened in a fresh profile', () => {
  let b: OfflineBrowser;
  let page: Page;

  beforeAll(async () => {
    b = await launchOffline();
    page = b.page;
    await watchCsp(b);
    await page.goto(`${baseUrl}${fragment}`);
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
  });

  afterAll(async () => {
    await b?.close();
  });

  it('shows the spec as text and asks for the input it does not have', async () => {
    await page.locator('[data-testid="reproduce-input"][data-status="missing"]').waitFor();
    expect(await page.getByTestId('reproduce-input').getAttribute('data-content-hash')).toBe(GOOG_HASH);
    expect(await page.getByTestId('reproduce-expected-hash').textContent()).toBe(RESULT_HASH);
    expect(await page.getByTestId('reproduce-spec').textContent()).toContain('"strategy": "sma-cross"');
    expect(await page.getByTestId('reproduce-run').isDisabled()).toBe(true);
  });

  it('refuses a file holding other data (different: input-mismatch), storing nothing', async () => {
    const before = await page.locator('[data-testid="instrument"]').count();
    await page.getByTestId('reproduce-file-input').setInputFiles(sharedDataPath('BTCUSD.csv'));
    await page.locator('[data-testid="reproduce-admission"][data-status="refused"]').waitFor();
    expect(await page.getByTestId('reproduce-admission').textContent()).toMatch(/BTCUSD\.csv holds other data .*nothing was stored/);
    expect(await page.getByTestId('reproduce-verdict').textContent()).toBe('different');
    expect(await page.getByTestId('reproduce-reason').textContent()).toBe('input-mismatch');
    expect(await page.locator('[data-testid="instrument"]').count()).toBe(before);
  });

  it('takes GOOG.csv (checked by contentHash), re-runs: identical, with the pinned resultHash', async () => {
    await page.getByTestId('reproduce-file-input').setInputFiles(sharedDataPath('GOOG.csv'));
    await page.locator('[data-testid="reproduce-input"][data-status="found"]').waitFor();
    await page.getByTestId('reproduce-run').click();
    await page.getByTestId('reproduce-verdict').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('reproduce-verdict').textContent()).toBe('identical');
    expect(await page.getByTestId('reproduce-result-hash').textContent()).toBe(RESULT_HASH);
    expect(await page.getByTestId('reproduce-experiment').textContent()).toBe(EXPERIMENT_ID);
    // No note of another engine build: the browser's engine worker runs the very .wasm the CLI ran.
    expect(await page.getByTestId('reproduce-message').textContent()).toBe(`resultHash ${RESULT_HASH}`);
    // The input is an instrument of the lab now, like any import.
    await page.locator('[data-testid="instrument"]', { hasText: 'GOOG' }).waitFor();
  });

  it('a link that expects another result: different / result', async () => {
    const other = encodeRunLink({ ...decodeRunLink(fragment), expectedResultHash: 'e'.repeat(64) });
    await page.goto(`${baseUrl}${other}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="reproduce-expected-hash"]')?.textContent === 'e'.repeat(64));
    await page.locator('[data-testid="reproduce-input"][data-status="found"]').waitFor();
    await page.getByTestId('reproduce-run').click();
    await page.getByTestId('reproduce-verdict').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('reproduce-verdict').textContent()).toBe('different');
    expect(await page.getByTestId('reproduce-reason').textContent()).toBe('result');
    expect(await page.getByTestId('reproduce-result-hash').textContent()).toBe(RESULT_HASH);
  });

  it('shows what a link says as text, never as HTML, and names the rule of a broken link', async () => {
    const link = decodeRunLink(fragment);
    const html = '<img src=x onerror="window.__pwned=1">';
    const hostile = encodeRunLink({ ...link, spec: { ...link.spec, label: html }, inputs: [{ ...link.inputs[0], label: html }] });
    await page.goto(`${baseUrl}${hostile}`);
    await page.locator('[data-testid="reproduce-input"]', { hasText: html }).waitFor();
    expect(await page.locator('[data-testid="reproduce-panel"] img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    await page.goto(`${baseUrl}#/run/v1/${'A'.repeat(10)}!`);
    await page.getByTestId('reproduce-link-error').waitFor();
    expect(await page.getByTestId('reproduce-link-error').textContent()).toMatch(/^run link: .* \[rule: base64url\]$/);
    await page.getByTestId('reproduce-close').click();
    await page.getByTestId('reproduce-panel').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => location.hash)).toBe('');
  });

  it('a bundle with one byte changed is refused naming the file; the store is unchanged; the intact one imports', async () => {
    const ids = await artifactIds(page);
    const usage = await storeUsage(page);
    await openView(page, 'research');
    await page.getByTestId('bundle-input').setInputFiles(tampered);
    const refused = page.locator('[data-testid="bundle-result"][data-status="rejected"]');
    await refused.waitFor({ timeout: 60_000 });
    expect(await refused.getAttribute('data-entry')).toBe('results/equity.parquet');
    expect(await refused.getAttribute('data-rule')).toBe('crc');
    expect(await refused.textContent()).toMatch(/goog-tampered\.zip: results\/equity\.parquet: CRC-32 .* \[rule: crc\] — nothing was stored/);
    expect(await artifactIds(page)).toEqual(ids);
    expect(await storeUsage(page)).toEqual(usage);

    await openView(page, 'research');
    await page.getByTestId('bundle-input').setInputFiles(bundle);
    const imported = page.locator('[data-testid="bundle-result"][data-status="imported"]');
    await imported.waitFor({ timeout: 60_000 });
    // GOOG and the four results are what the re-run stored: nothing new.
    expect(await page.locator('[data-testid="bundle-artifact"][data-created="false"]').count()).toBe(5);
    expect(await artifactIds(page)).toEqual(ids);
  });

  it('made no request outside localhost and broke no Content-Security-Policy rule', async () => {
    expect(b.externalRequests).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
