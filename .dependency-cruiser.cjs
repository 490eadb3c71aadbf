// The layers of docs/architecture.md as rules: `npm run check:arch` fails with a rule's comment when an import breaks
// one. Platform globals (window, indexedDB, …) are invisible to imports: ESLint's no-restricted-globals covers src/core.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core is the pure domain: it imports nothing from ports, adapters, handlers, ui, cli, engine, workers or main.ts.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^(src/(ports|adapters|handlers|ui|cli|engine)/|src/main\\.ts$|workers/|engine-wasm/)' },
    },
    {
      name: 'core-no-platform',
      comment: 'src/core runs unchanged in Node and the browser: no node:* module, no IndexedDB, DuckDB, Comlink, Parquet or Svelte.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: {
        dependencyTypes: ['core'],
      },
    },
    {
      name: 'core-no-platform-packages',
      comment:
        'src/core runs unchanged in Node and the browser: platform libraries (idb, DuckDB, Comlink, parquet-wasm, Svelte, uPlot) belong in adapters or ui.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: 'node_modules/(idb|fake-indexeddb|@duckdb|comlink|parquet-wasm|svelte|uplot|tsx)/' },
    },
    {
      name: 'ports-are-interfaces',
      comment: 'src/ports declares interfaces over domain types: it imports only src/core and other ports.',
      severity: 'error',
      from: { path: '^src/ports/' },
      to: { path: '^(src/(adapters|ui|cli|engine)/|src/main\\.ts$|workers/)' },
    },
    {
      name: 'ports-name-handler-deps-as-types',
      comment: "A port may name a use case's deps bundle (a composition of ports) as a type, never import a handler's code.",
      severity: 'error',
      from: { path: '^src/ports/' },
      to: { path: '^src/handlers/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'handlers-depend-on-ports',
      comment: 'src/handlers are use cases: they import only src/core and src/ports (adapters are passed in by the wiring).',
      severity: 'error',
      from: { path: '^src/handlers/' },
      to: { path: '^(src/(adapters|ui|cli|engine)/|src/main\\.ts$|workers/|engine-wasm/)' },
    },
    {
      name: 'handlers-no-platform',
      comment: 'src/handlers are use cases: platform modules (node:*) are reached through a port.',
      severity: 'error',
      from: { path: '^src/handlers/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'engine-over-core',
      comment: 'src/engine wraps the compiled WASM for the CLI and the engine worker: it imports only src/core and src/ports.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^(src/(adapters|handlers|ui|cli)/|src/main\\.ts$|workers/)' },
    },
    {
      name: 'adapters-know-no-screen',
      comment: 'src/adapters implement ports: they never import the UI, the CLI or an entry file.',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^(src/(ui|cli)/|src/main\\.ts$|workers/)' },
    },
    {
      name: 'node-adapters-not-in-browser',
      comment: 'Browser adapters run in the page or its workers: they never import a Node adapter.',
      severity: 'error',
      from: { path: '^src/adapters/browser/' },
      to: { path: '^src/adapters/node/' },
    },
    {
      name: 'browser-adapters-not-in-node',
      comment: 'Node adapters run in the CLI: they never import a browser adapter.',
      severity: 'error',
      from: { path: '^src/adapters/node/' },
      to: { path: '^src/adapters/browser/' },
    },
    {
      name: 'cli-no-browser-adapters',
      comment: 'The CLI wires Node adapters: it never imports a browser adapter, the UI or an entry file of the page.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^(src/(adapters/browser|ui)/|src/main\\.ts$|workers/)' },
    },
    {
      name: 'ui-through-ports',
      comment: 'src/ui reaches storage and engines through handlers and ports that src/main.ts passes in: it never imports an adapter or the CLI.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^(src/(adapters|cli)/|src/main\\.ts$|workers/)' },
    },
    {
      name: 'entry-files-are-leaves',
      comment:
        "Workers and src/main.ts only wire: nothing imports them but the page entry src/boot.ts, which loads main.ts once DuckDB's worker is started.",
      severity: 'error',
      from: { pathNot: '^src/boot\\.ts$' },
      to: { path: '^(workers/|src/main\\.ts$|src/boot\\.ts$)' },
    },
    {
      name: 'workers-only-wire',
      comment: 'A worker entry creates one adapter and exposes it: it imports only adapters (and the bundled files they load).',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: '^src/(core|ports|handlers|ui|cli|engine)/' },
    },
    {
      name: 'no-runtime-cycle',
      comment: 'A cycle between modules makes load order matter and layers blur: break it with a port or by moving the shared part down.',
      severity: 'error',
      from: {},
      // Cycles through type-only imports vanish at run time and are left alone.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|dist-cli|dist-browser-tests|dist-results-gallery|engine-wasm/build)/' },
    // Type-only imports are dependencies too: a port imported as a type still ties the layers.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.svelte', '.json'],
    },
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
    reporterOptions: {
      dot: {
        collapsePattern: '^(src/(core|ports|handlers|engine|ui|cli|adapters/[^/]+)|workers|engine-wasm|bin|node_modules/(@[^/]+/)?[^/]+)',
      },
    },
  },
};
