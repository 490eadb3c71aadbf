/**
 * Registers the service worker of the production build (public/sw.js, given the list of every file of the build by
 * vite.config.ts): after one visit the lab — app shell, engine, DuckDB and parquet-wasm bundles — loads and runs
 * with the network off. Registered after `load`, and main.ts calls this once the lab's start is over, so precaching
 * never competes with the start. Development builds register nothing (Vite serves modules that change on every edit).
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL }).catch((e: unknown) => {
      // Offline install is an extra: the lab works online without it.
      console.warn(
        `quantlab: the service worker was not registered (${e instanceof Error ? e.message : String(e)}); the lab will need the network to load`,
      );
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
