// The portfolio page of the in-browser test build: one worker (worker.ts), reachable as window.__portfolio for
// tests/e2e/portfolio-bits.test.ts and bench/portfolio-chromium.ts. Wiring only.
import * as Comlink from 'comlink';
import type { PortfolioWorker } from './worker';

declare global {
  interface Window {
    __portfolio?: Comlink.Remote<PortfolioWorker>;
  }
}

window.__portfolio = Comlink.wrap<PortfolioWorker>(new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }));
document.body.dataset.ready = 'true';
