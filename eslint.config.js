// Lint rules for quantlab. Type-aware (typescript-eslint strict) for everything tsconfig.json covers, Svelte
// components through eslint-plugin-svelte, and the determinism and layering rules of docs/habits.md.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// A run must give the same bits everywhere: randomness comes from the seeded Rng, time from the data.
const nondeterminism = [
  { object: 'Math', property: 'random', message: 'Runs are deterministic: use the seeded Rng (src/core/rng.ts).' },
  { object: 'Date', property: 'now', message: 'Runs are deterministic: time comes from the data, or from a Clock port outside src/core.' },
  { object: 'performance', property: 'now', message: 'Runs are deterministic: time comes from the data, or from a Clock port outside src/core.' },
];

// src/core runs unchanged in Node and in the browser: no platform API reaches it (dependency-cruiser checks imports
// between layers; these are the globals and packages it cannot see).
const platformGlobals = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'Worker',
  'SharedWorker',
  'fetch',
  'XMLHttpRequest',
  'caches',
  'location',
  'process',
  'Buffer',
  'require',
].map((name) => ({ name, message: 'src/core is pure: platform APIs belong in src/adapters, reached through a port.' }));

const platformImports = {
  patterns: [
    {
      group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads'],
      message: 'src/core is pure: Node APIs belong in src/adapters/node.',
    },
    {
      group: ['idb', 'fake-indexeddb', '@duckdb/*', 'comlink', 'parquet-wasm', 'parquet-wasm/*', 'svelte', 'svelte/*'],
      message: 'src/core is pure: platform libraries belong in src/adapters (or src/ui for svelte).',
    },
  ],
};

export default defineConfig(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-cli/',
      'dist-browser-tests/',
      'dist-results-gallery/',
      'engine-wasm/build/',
      '.quantlab/',
      'test-results/',
      '.e2e-profiles/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // `() => lab.run()` in an event handler is the Svelte idiom; a void value returned from a block is still reported.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // `!` marks lookups the code has just established (Map.get after has, an element after mount); strictNullChecks covers the rest.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Defensive checks on values typed by a cast but built outside (parsed JSON, worker messages, engine codes) look impossible to it.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // `async` on a method that implements a Promise-returning port turns a synchronous throw into a rejection, which callers rely on.
      '@typescript-eslint/require-await': 'off',
      // Numbers and booleans in template literals are how messages name rows, columns and values.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // Passing on a caught error as it came (re-rejecting, forwarding) keeps its type and stack; new rejections are Errors.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // Apache Arrow's DataType and Data subclasses come from its factories and are narrowed by typeId, not by `new`.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      // The next four ask the type checker about nearly every assignment, argument, member access or identifier and
      // found nothing in the tree; turning them off cut the type-aware lint of src and workers from 132 to 116 s of CPU.
      // No enum is declared here (unions of literal types instead), and a library's numeric enum is only compared.
      '@typescript-eslint/no-unsafe-enum-assignment': 'off',
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // A deprecated API shows in the editor and fails tsc once the dependency removes it; upgrades are pinned and reviewed.
      '@typescript-eslint/no-deprecated': 'off',
      // Methods passed as callbacks are arrow functions or bound where passed; a lost `this` fails the tests that run them.
      '@typescript-eslint/unbound-method': 'off',
      // Unused code is tsc's noUnusedLocals/noUnusedParameters (tsconfig.json, run by the typecheck and svelte-check),
      // which also finds unused private members and leading parameters; the rule cost about a tenth of the lint.
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser },
    },
  },
  {
    files: ['**/*.svelte.ts'],
    rules: {
      // State classes keep lookups local or replace a whole Set inside $state; a SvelteMap would track what nothing renders.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    rules: {
      // State is runes ($state in *.svelte.ts classes), not svelte/store; the rule asks the type checker about every
      // identifier of every component to find stores, about 5% of the lint's time for nothing to find.
      'svelte/require-store-reactive-access': 'off',
    },
  },
  {
    // Type information is for the shipped code (src, workers), where type-aware rules find what tsc cannot. Tests,
    // benches, scripts and build configs go without it: their mistakes fail their own run, and checking their types for
    // lint took about a third of the lint's time. Plain JavaScript outside tsconfig.json (the bin shim, the service worker
    // copied as it is, this file) has no types to check. `any`, unused code and the syntax rules still apply to all.
    files: ['tests/**', 'bench/**', 'scripts/**', '*.config.ts', '**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Components keep their logic in *.svelte.ts state classes, which are linted with types; svelte-check type-checks
    // the components. Typed linting of a .svelte file rebuilt the TypeScript program around its generated script, about
    // 0.3 s of CPU a component and a fifth of the whole lint, for rules that found nothing there.
    files: ['**/*.svelte'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { parserOptions: { projectService: false } },
  },
  {
    // Files outside tsconfig.json are not type-checked: the lint finds their unused code. `_name` marks a parameter
    // kept for an interface's shape; rest siblings drop keys on purpose.
    files: ['**/*.js', '**/*.cjs', 'tests/**/*.mjs', 'tests/**/*.svelte'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true, caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { globals: globals.commonjs, sourceType: 'commonjs' },
  },
  {
    files: ['public/sw.js'],
    languageOptions: { globals: globals.serviceworker },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', ...nondeterminism],
      'no-restricted-globals': ['error', ...platformGlobals],
      'no-restricted-imports': ['error', platformImports],
    },
  },
  {
    // AssemblyScript: TypeScript syntax over its own standard library (i32, f64, load<T>, @inline), which neither the
    // TypeScript program nor typescript-eslint's type rules understand — only the determinism rules apply here.
    files: ['engine-wasm/assembly/**/*.ts'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { parserOptions: { projectService: false, project: null, allowInvalidAST: true } },
    rules: {
      'no-restricted-properties': ['error', ...nondeterminism],
      // `// @ts-ignore` above `@inline` is how AssemblyScript keeps editors quiet about its function decorators.
      '@typescript-eslint/ban-ts-comment': 'off',
      // AssemblyScript's globals (i32, load, unchecked, …) come from its own standard library, not from globals.
      'no-undef': 'off',
      // Kept step for step as its TypeScript twin and the algorithm it mirrors; the optimizer drops dead stores.
      'no-useless-assignment': 'off',
      // AssemblyScript reads a hex literal such as 0xBFE0000000000000 as a 64-bit integer (for reinterpret<f64>), exactly.
      'no-loss-of-precision': 'off',
      // Without type information exported entry points and decorator-only uses look unused; asc itself reports these.
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
);
