// Headless Chromium for the benches that measure the page: Debian's binary (or QUANTLAB_CHROMIUM) on a fresh profile
// of its own, with the switches that keep Chromium's background traffic out of the figures.
import { chromium, type BrowserContext } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.QUANTLAB_CHROMIUM ?? '/usr/bin/chromium';

/** Says why the bench is skipped when there is no Chromium to run; true when there is one. */
export function chromiumPresent(bench: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  console.log(`${bench}: skipped, no ${CHROMIUM} (set QUANTLAB_CHROMIUM, or see scripts/ensure-chromium.mjs)`);
  return false;
}

/** A persistent context on a new temporary profile; `close` also removes the profile. */
export async function launchFreshProfile(prefix: string): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), prefix));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 860 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
