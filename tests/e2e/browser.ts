import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OfflineBrowser {
  context: BrowserContext;
  page: Page;
  /** Every request to a non-localhost origin (all of them are blocked). */
  externalRequests: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
  close(): Promise<void>;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isLocal(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:') return true;
  return LOCAL_HOSTS.has(u.hostname);
}

export interface LaunchOptions {
  /**
   * Ignore the page's Content-Security-Policy, so a test can inject its own inline script (the accessibility test
   * injects axe-core). Never for tests of the app's behaviour: the policy is part of it.
   */
  bypassCSP?: boolean;
  /** 'block' keeps the service worker out, so that every request of the page reaches the network (and routes). */
  serviceWorkers?: 'allow' | 'block';
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // A second fence besides the request router: no host but localhost resolves.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

const executablePath = () => process.env.QUANTLAB_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, in a fresh profile, with every non-localhost request blocked and recorded. */
export async function launchOffline(options: LaunchOptions = {}): Promise<OfflineBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'quantlab-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: executablePath(),
    headless: true,
    serviceWorkers: options.serviceWorkers ?? 'allow',
    viewport: { width: 1280, height: 860 },
    bypassCSP: options.bypassCSP ?? false,
    args: CHROMIUM_ARGS,
  });
  return watched(context, async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
}

/** One Chromium whose profiles are fresh browser contexts: several users in one test, one browser started. */
export interface OfflineChromium {
  /** A new, empty profile (its own storage, service workers and pages), watched as launchOffline's. */
  newProfile(options?: LaunchOptions): Promise<OfflineBrowser>;
  close(): Promise<void>;
}

export async function launchOfflineChromium(): Promise<OfflineChromium> {
  const browser = await chromium.launch({ executablePath: executablePath(), headless: true, args: CHROMIUM_ARGS });
  return {
    async newProfile(options: LaunchOptions = {}) {
      const context = await browser.newContext({
        serviceWorkers: options.serviceWorkers ?? 'allow',
        viewport: { width: 1280, height: 860 },
        bypassCSP: options.bypassCSP ?? false,
      });
      return watched(context, () => context.close());
    },
    close: () => browser.close(),
  };
}

/** Blocks and records every non-localhost request of the context, and records its page's errors. */
async function watched(context: BrowserContext, close: () => Promise<void>): Promise<OfflineBrowser> {
  const externalRequests: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    externalRequests.push(url);
    return route.abort('internetdisconnected');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { context, page, externalRequests, errors, close };
}
