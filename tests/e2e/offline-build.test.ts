import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// Static fence around the production build: nothing in it may point the browser at another origin.
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const TEXT = /\.(html|js|mjs|css|json|webmanifest|svg)$/;

/**
 * URLs that appear in bundled libraries as documentation links, identifiers or parsing templates, never loaded:
 * XML namespaces, JSON Schema `$schema` ids (zod's JSON Schema output), a licence banner (hash-wasm), and zod's IPv6
 * check, which parses `http://[<address>]` with the URL constructor, and the documentation link in the error message of
 * rolldown's `require` shim (DuckDB's worker script, bundled). The e2e harness also blocks and records every request
 * to another origin at run time.
 */
const INERT_URL_PREFIXES = [
  'https://svelte.dev/e/',
  'https://rolldown.rs/in-depth/',
  'https://github.com/',
  'http://www.w3.org/',
  'https://json-schema.org/',
  'http://json-schema.org/',
  'https://www.npmjs.com/package/',
  'http://[${',
];
const FORBIDDEN_HOSTS =
  /extensions\.duckdb\.org|cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|fonts\.(googleapis|gstatic)\.com|esm\.sh|cdn\.skypack\.dev/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('the production build loads nothing from outside', () => {
  const all = files(DIST);
  const text = all.filter((f) => TEXT.test(f));

  it('has a build to check', () => {
    expect(all.some((f) => f.endsWith('index.html'))).toBe(true);
    expect(all.filter((f) => f.endsWith('.wasm')).length).toBeGreaterThanOrEqual(3);
  });

  it('index.html and CSS reference only same-origin resources', () => {
    for (const f of text.filter((f) => /\.(html|css)$/.test(f))) {
      const src = readFileSync(f, 'utf8');
      const refs = [...src.matchAll(/(?:src|href)\s*=\s*["']([^"']+)["']|url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => m[1] ?? m[2]);
      for (const ref of refs) {
        const external = /^(https?:)?\/\//i.test(ref);
        expect(external, `${relative(DIST, f)} references ${ref}`).toBe(false);
      }
    }
  });

  it('scripts contain no loadable external URL and no CDN or extension host', () => {
    const offenders: string[] = [];
    for (const f of text) {
      const src = readFileSync(f, 'utf8');
      if (FORBIDDEN_HOSTS.test(src)) offenders.push(`${relative(DIST, f)}: ${src.match(FORBIDDEN_HOSTS)![0]}`);
      for (const m of src.matchAll(/https?:\/\/[^\s"'`)<>\\]+/g)) {
        if (!INERT_URL_PREFIXES.some((p) => m[0].startsWith(p))) offenders.push(`${relative(DIST, f)}: ${m[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the guard itself catches a CDN reference', () => {
    const sample = '<script src="https://cdn.jsdelivr.net/npm/x"></script>';
    expect(FORBIDDEN_HOSTS.test(sample)).toBe(true);
  });
});

describe('the production build installs and runs offline, under a strict Content-Security-Policy', () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');

  it('index.html carries the CSP first: own origin only, no inline or eval script, WebAssembly allowed', () => {
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    expect(meta, 'CSP meta').not.toBeNull();
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    const policy = new Map(
      meta![1]
        .replaceAll('&#39;', "'")
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    for (const [name, values] of policy) {
      expect(
        values.some((v) => /^https?:|^\*$|unsafe-inline|'unsafe-eval'/.test(v)),
        `${name} ${values.join(' ')}`,
      ).toBe(false);
    }
    expect(/<script(?![^>]*\bsrc=)[^>]*>/.test(html), 'an inline script').toBe(false);
  });

  it('has a web app manifest with its icons, linked from index.html', () => {
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest" />');
    const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.webmanifest'), 'utf8')) as {
      name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string }[];
    };
    expect(manifest).toMatchObject({ name: 'quantlab', start_url: './', display: 'standalone' });
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) expect(statSync(join(DIST, icon.src)).size, icon.src).toBeGreaterThan(100);
  });

  it('the service worker precaches every file of the build, engine and DuckDB bundles included', () => {
    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    const listed = JSON.parse(/const PRECACHE = (\{.*?\}) \?\?/.exec(sw)![1]) as { version: string; files: string[] };
    expect(listed.version).toMatch(/^[0-9a-f]{16}$/);
    const every = files(DIST)
      .map((f) => relative(DIST, f).split('\\').join('/'))
      .filter((f) => f !== 'sw.js')
      .sort();
    expect(listed.files).toEqual(every);
    for (const part of [
      /^assets\/engine-.*\.wasm$/,
      /^assets\/duckdb-eh-.*\.wasm$/,
      /^assets\/duckdb-mvp-.*\.wasm$/,
      /^assets\/duckdb-browser-eh\.worker-.*\.js$/,
      /^assets\/parquet_wasm_bg-.*\.wasm$/,
      /^index\.html$/,
    ]) {
      expect(
        listed.files.some((f) => part.test(f)),
        String(part),
      ).toBe(true);
    }
  });
});
