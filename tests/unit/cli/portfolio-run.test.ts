/**
 * A version-2 spec with a `portfolio` block from the command line, as real processes: `experiments run` gives the
 * same result hash twice, its run link and its bundle (thirteen tables) reproduce `identical` in fresh stores, and the
 * optimized weights at a rebalance (the same pipeline in-process,
 * core/portfolio/portfolio-run.ts) equal `quantlab portfolio weights --end DATE --window N` on the selected
 * instruments' files, × the strategy's gross — to the bit.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LabSpecSchema, type LabSpec } from '../../../src/core/experiments/lab-spec';
import type { ExperimentRecord } from '../../../src/core/experiments/record';
import { planPortfolioRun } from '../../../src/core/portfolio/portfolio-run';
import { findStrategy, validateStrategyParams } from '../../../src/core/strategies/registry';
import { runCliProcess } from '../../helpers/cli-process';
import { okJson } from '../../helpers/cli-process-expect';
import { sharedDataPath } from '../../helpers/shared-data';
import { UNIVERSE12 } from '../../helpers/universe12';
import { universe12Timeline } from '../../helpers/universe12-timeline';

const root = mkdtempSync(join(tmpdir(), 'quantlab-portfolio-run-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const store = join(root, 'store');
const cli = (args: string[]) => runCliProcess(args, { cwd: root });

const PORTFOLIO = {
  optimizer: { name: 'min-variance' },
  riskModel: { name: 'sample', lookback: 126 },
  constraints: { longOnly: true },
  rebalance: { rule: 'monthly' },
};

describe('quantlab experiments run with a portfolio block', { timeout: 240_000 }, () => {
  it('runs it twice to one result hash, with the portfolio tables; link and bundle reproduce identical', async () => {
    const imported = okJson<{ results: Array<{ record: { contentHash: string; instruments: string[] } }> }>(
      await cli(['artifacts', 'import', ...UNIVERSE12.map((n) => sharedDataPath(`universe12/${n}.csv`)), '--store', store, '--json']),
      'import',
    );
    const spec = {
      specVersion: 2,
      profile: 'lab',
      strategy: 'xmom',
      params: { lookback: 126, skip: 21, top_k: 4 },
      inputs: imported.results.map((r) => ({ contentHash: r.record.contentHash })),
      portfolio: PORTFOLIO,
      risk: { scenarios: [{ name: 'covid', from: '2020-02-19', to: '2020-03-23' }] },
    };
    writeFileSync(join(root, 'portfolio.json'), JSON.stringify(spec));
    const first = okJson<{ experiment: ExperimentRecord }>(
      await cli(['experiments', 'run', 'portfolio.json', '--store', store, '--json']),
      'run',
    ).experiment;
    expect(first.status).toBe('done');
    for (const role of ['targets', 'optimizer', 'risk', 'stress'] as const) expect(first.results!.artifacts[role]!.rowCount, role).toBeGreaterThan(0);
    const other = join(root, 'other');
    okJson(
      await cli(['artifacts', 'import', ...UNIVERSE12.map((n) => sharedDataPath(`universe12/${n}.csv`)), '--store', other, '--json']),
      'import 2',
    );
    const second = okJson<{ experiment: ExperimentRecord }>(
      await cli(['experiments', 'run', 'portfolio.json', '--store', other, '--json']),
      'run 2',
    ).experiment;
    expect(second.results!.resultHash).toBe(first.results!.resultHash);

    // Its run link reproduces identical in a fresh store, the inputs found by content in the folder.
    const link = okJson<{ link: string }>(await cli(['experiments', 'link', first.id, '--store', store, '--json']), 'link');
    const reproduced = okJson<{ verdict: string }>(
      await cli(['reproduce', link.link, '--data', sharedDataPath('universe12'), '--store', join(root, 'fresh'), '--json']),
      'reproduce',
    );
    expect(reproduced.verdict).toBe('identical');
    // A bundle with its inputs carries the thirteen tables and verifies; reproducing it is identical too.
    const zip = join(root, 'portfolio.zip');
    const exported = await cli(['experiments', 'export', first.id, zip, '--with-inputs', '--store', store]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const verified = okJson<{ verified: boolean; results: Array<{ role: string; contentHash: string }> }>(
      await cli(['bundle', 'verify', zip, '--json']),
      'verify',
    );
    expect(verified.verified).toBe(true);
    expect(verified.results.slice(8).map((r) => [r.role, r.contentHash])).toEqual(
      (['targets', 'optimizer', 'risk', 'stress', 'refusals'] as const).map((role) => [role, first.results!.artifacts[role]!.contentHash]),
    );
    const fromZip = await cli(['reproduce', zip, '--store', join(root, 'from-zip')]);
    expect(fromZip.stderr).toBe('');
    expect(fromZip.stdout.toString('utf8').split('\n')[0]).toBe('identical');
  });

  it("a rebalance's weights equal quantlab portfolio weights on the selection's window, × 0.95", async () => {
    const tl = universe12Timeline();
    const K = tl.instruments.length;
    const spec = LabSpecSchema.parse({
      specVersion: 2,
      profile: 'lab',
      strategy: 'xmom',
      params: { lookback: 126, skip: 21, top_k: 4 },
      inputs: UNIVERSE12.map((name, i) => ({ contentHash: `${'b'.repeat(63)}${i.toString(16)}`, name })),
      portfolio: PORTFOLIO,
    }) as LabSpec;
    const entry = findStrategy('xmom');
    const c = planPortfolioRun(spec, tl, entry.lab.spec(validateStrategyParams(entry, spec.params, 'lab'))).constructed!;
    const checked = c.diagnostics.filter((d) => d.selection.length > 0);
    for (const d of [checked[5], checked[checked.length - 1]]) {
      const j = c.bars.indexOf(d.bar);
      const end = new Date(tl.time[d.bar]).toISOString().slice(0, 10);
      const files = d.selection.flatMap((n) => ['--data', sharedDataPath(`universe12/${n}.csv`)]);
      const out = okJson<{ weights: Record<string, number>; to: string }>(
        await cli(['portfolio', 'weights', ...files, '--optimizer', 'min-variance', '--long-only', '--window', '126', '--end', end, '--json']),
        end,
      );
      expect(out.to.slice(0, 10)).toBe(end);
      for (const name of d.selection) expect([name, c.optimized[j * K + tl.instruments.indexOf(name)]]).toEqual([name, out.weights[name] * 0.95]);
    }
  });
});
