/**
 * The slice of vitest's API that shared suites use (describe, it, hooks, expect), for running those suites inside
 * a real browser page. `expect` is vitest's own (@vitest/expect on chai), so assertions behave exactly as in Node.
 */
import { chai, JestAsymmetricMatchers, JestChaiExpect, JestExtend, GLOBAL_EXPECT, setState } from '@vitest/expect';
import type { ExpectStatic } from '@vitest/expect';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

const chaiExpect = ((value: unknown, message?: string) => {
  setState({ assertionCalls: 0, isExpectingAssertions: false, expectedAssertionsNumber: null }, chaiExpect);
  return chai.expect(value, message);
}) as unknown as ExpectStatic;
Object.assign(chaiExpect, chai.expect);
(globalThis as Record<symbol, unknown>)[GLOBAL_EXPECT] = chaiExpect;
export const expect = chaiExpect;

// A test body: its result is awaited when it is a promise.
type Fn = () => unknown;
interface Suite {
  name: string;
  tests: { name: string; fn: Fn }[];
  beforeEach: Fn[];
  afterEach: Fn[];
  beforeAll: Fn[];
  afterAll: Fn[];
  children: Suite[];
}

export interface BrowserTestResult {
  name: string;
  ok: boolean;
  error?: string;
}

const root: Suite = { name: '', tests: [], beforeEach: [], afterEach: [], beforeAll: [], afterAll: [], children: [] };
let current = root;

export function describe(name: string, body: () => void): void {
  const suite: Suite = { name, tests: [], beforeEach: [], afterEach: [], beforeAll: [], afterAll: [], children: [] };
  current.children.push(suite);
  const parent = current;
  current = suite;
  try {
    body();
  } finally {
    current = parent;
  }
}

export function it(name: string, fn: Fn): void {
  current.tests.push({ name, fn });
}
export const test = it;
export const beforeEach = (fn: Fn): void => void current.beforeEach.push(fn);
export const afterEach = (fn: Fn): void => void current.afterEach.push(fn);
export const beforeAll = (fn: Fn): void => void current.beforeAll.push(fn);
export const afterAll = (fn: Fn): void => void current.afterAll.push(fn);

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

async function runSuite(suite: Suite, path: string[], befores: Fn[], afters: Fn[], out: BrowserTestResult[]): Promise<void> {
  const names = suite.name ? [...path, suite.name] : path;
  const each = [...befores, ...suite.beforeEach];
  const eachAfter = [...suite.afterEach, ...afters];
  for (const fn of suite.beforeAll) await fn();
  for (const t of suite.tests) {
    const name = [...names, t.name].join(' > ');
    try {
      for (const fn of each) await fn();
      await t.fn();
      out.push({ name, ok: true });
    } catch (e) {
      out.push({ name, ok: false, error: describeError(e) });
    } finally {
      for (const fn of eachAfter) {
        try {
          await fn();
        } catch (e) {
          out.push({ name: `${name} (afterEach)`, ok: false, error: describeError(e) });
        }
      }
    }
  }
  for (const child of suite.children) await runSuite(child, names, each, eachAfter, out);
  for (const fn of suite.afterAll) await fn();
}

/** Runs everything registered so far, in declaration order. */
export async function runRegistered(): Promise<BrowserTestResult[]> {
  const out: BrowserTestResult[] = [];
  await runSuite(root, [], [], [], out);
  return out;
}
