/**
 * The ReproduceDeps main.ts hands the reproduce panel and the bundle control. What they open (reproduce-services.ts:
 * store, tracker, parquet-wasm, Arrow, the engine) is a chunk of its own, loaded at the first run link or bundle, so
 * a lab that never sees one never loads it.
 */
import type { ReproduceDeps } from '../../ports/reproduce-services';
import { once } from './once';
import type { BrowserReproduceOptions } from './reproduce-services';

export function browserReproduceDeps(options: BrowserReproduceOptions): ReproduceDeps {
  return {
    services: once(async () => (await import('./reproduce-services')).openReproduceServices(options)),
    nextFrame: () => new Promise((resolve) => setTimeout(resolve, 0)),
    clearRoute: () => history.replaceState(null, '', `${location.pathname}${location.search}`),
  };
}

/** Opens the run link in the address at start-up and whenever the fragment changes. */
export function watchRunLinkRoute(open: (hash: string) => void): void {
  open(location.hash);
  window.addEventListener('hashchange', () => open(location.hash));
}
