// Entry of the in-browser test page: registers the shared suites, runs them, and publishes the results.
import { runRegistered, type BrowserTestResult } from './vitest-shim';
import './artifact-store.browser';
import './artifact-store-upgrade.browser';
import './experiment-tracker.browser';

declare global {
  interface Window {
    __testResults?: BrowserTestResult[];
  }
}

const results = await runRegistered();
window.__testResults = results;
document.body.dataset.done = 'true';
document.body.textContent = results.map((r) => `${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.error ? ` — ${r.error}` : ''}`).join('\n');
