/**
 * `quantlab portfolio covariance|weights` and `quantlab risk var|stress` as real processes with stdout piped into a
 * JSON parser, on ../shared/data/universe12 (the folder: its closes.csv is skipped as not OHLCV), against the worked
 * cases of ../shared/guide/portfolio-visible.json (pandas, scikit-learn, R quadprog, SciPy, PyPortfolioOpt,
 * PerformanceAnalytics) and tests/golden/portfolio/extra-cases.json (generate.py: scipy.stats, pandas), at the
 * oracle's tolerances; and their bad inputs: exit 2, nothing on stdout, one stderr line naming the problem.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../../helpers/cli-process';
import { okJson, refused } from '../../helpers/cli-process-expect';
import { portfolioCase } from '../../helpers/portfolio-oracle';
import { extraCase } from '../../helpers/portfolio-universe';
import { sharedDataPath } from '../../helpers/shared-data';

const UNIVERSE = sharedDataPath('universe12');
const root = mkdtempSync(join(tmpdir(), 'quantlab-portfolio-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const cli = (args: string[]) => runCliProcess(args, { cwd: root });

function expectByName(got: Record<string, number>, want: Record<string, number>, tolerance: number): void {
  expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
  for (const [name, w] of Object.entries(want)) expect(Math.abs(got[name] - w), name).toBeLessThanOrEqual(tolerance);
}

interface CovarianceOut {
  tickers: string[];
  daily: number[][];
  shrinkage: number | null;
  returns: number;
  from: string;
  to: string;
}

function expectMatrix(got: CovarianceOut, wantTickers: string[], want: number[][], tolerance: number): void {
  const at = wantTickers.map((t) => got.tickers.indexOf(t));
  for (let i = 0; i < want.length; i++)
    for (let j = 0; j < want.length; j++)
      expect(Math.abs(got.daily[at[i]][at[j]] - want[i][j]), `${wantTickers[i]}/${wantTickers[j]}`).toBeLessThanOrEqual(tolerance);
}

describe('quantlab portfolio covariance', () => {
  it('gives pandas DataFrame.cov over the last 252 returns (cov_sample_252), shrinkage null', async () => {
    const want = portfolioCase<{ tickers: string[]; cov_daily: number[][] }>('cov_sample_252').values;
    const got = okJson<CovarianceOut>(await cli(['portfolio', 'covariance', '--data', UNIVERSE, '--window', '252', '--json']), 'sample');
    expectMatrix(got, want.tickers, want.cov_daily, 1e-12);
    expect(got.shrinkage).toBeNull();
    expect([got.returns, got.from, got.to]).toEqual([252, '2022-10-12T00:00:00.000Z', '2023-09-29T00:00:00.000Z']);
  });

  it('gives scikit-learn LedoitWolf() with its shrinkage (lw_sklearn_252)', async () => {
    const want = portfolioCase<{ tickers: string[]; shrinkage: number; cov_daily: number[][] }>('lw_sklearn_252').values;
    const got = okJson<CovarianceOut>(
      await cli(['portfolio', 'covariance', '--data', UNIVERSE, '--risk-model', 'ledoit-wolf', '--window', '252', '--json']),
      'lw',
    );
    expect(Math.abs((got.shrinkage as number) - want.shrinkage)).toBeLessThanOrEqual(1e-10);
    expectMatrix(got, want.tickers, want.cov_daily, 1e-12);
  });

  it('ends the window at --end (the last common bar on or before it)', async () => {
    const got = okJson<CovarianceOut>(
      await cli([
        'portfolio',
        'covariance',
        '--data',
        UNIVERSE,
        '--risk-model',
        'ewma',
        '--lambda',
        '0.97',
        '--end',
        '2022-12-31',
        '--window',
        '100',
        '--json',
      ]),
      'end',
    );
    expect([got.returns, got.to]).toEqual([100, '2022-12-30T00:00:00.000Z']);
  });
});

describe('quantlab portfolio weights', () => {
  const weights = async (args: string[]) =>
    okJson<{ weights: Record<string, number>; diagnostics: { atLower?: string[] } }>(
      await cli(['portfolio', 'weights', '--data', UNIVERSE, ...args, '--json']),
      args.join(' '),
    );

  it('long-only and capped minimum variance as R quadprog (gmv_long_only_full, gmv_cap25_full)', async () => {
    const longOnly = portfolioCase<{ weights: Record<string, number>; active_at_zero: string[] }>('gmv_long_only_full').values;
    const a = await weights(['--optimizer', 'min-variance', '--long-only']);
    expectByName(a.weights, longOnly.weights, 1e-6);
    expect([...(a.diagnostics.atLower ?? [])].sort()).toEqual([...longOnly.active_at_zero].sort());
    const capped = portfolioCase<{ weights: Record<string, number> }>('gmv_cap25_full').values;
    expectByName((await weights(['--optimizer', 'min-variance', '--long-only', '--max-weight', '0.25'])).weights, capped.weights, 1e-6);
  });

  it('max Sharpe, ERC and HRP (max_sharpe_full, erc_full, hrp_pypfopt_single_full)', async () => {
    const [ms, erc, hrp] = await Promise.all([
      weights(['--optimizer', 'max-sharpe', '--risk-free', '0']),
      weights(['--optimizer', 'erc']),
      weights(['--optimizer', 'hrp']),
    ]);
    expectByName(ms.weights, portfolioCase<{ weights: Record<string, number> }>('max_sharpe_full').values.weights, 1e-6);
    expectByName(erc.weights, portfolioCase<{ weights: Record<string, number> }>('erc_full').values.weights, 1e-6);
    expectByName(hrp.weights, portfolioCase<{ weights: Record<string, number> }>('hrp_pypfopt_single_full').values.weights, 1e-9);
  });

  it('refuses an impossible cap, an unknown optimizer and an unknown risk model (exit 2)', async () => {
    const [cap, unknown, model] = await Promise.all([
      cli(['portfolio', 'weights', '--data', UNIVERSE, '--optimizer', 'min-variance', '--long-only', '--max-weight', '0.05', '--json']),
      cli(['portfolio', 'weights', '--data', UNIVERSE, '--optimizer', 'kelly', '--json']),
      cli(['portfolio', 'weights', '--data', UNIVERSE, '--optimizer', 'hrp', '--risk-model', 'shrunk', '--json']),
    ]);
    expect(refused(cap)).toMatch(/min-variance: .*max-weight 0\.05 × 12 assets.*2023-09-29/);
    expect(refused(unknown)).toMatch(/--optimizer kelly: unknown optimizer/);
    expect(refused(model)).toMatch(/--risk-model shrunk: unknown risk model \(known: sample, ledoit-wolf, ledoit-wolf-cc, ewma\)/);
  });
});

describe('quantlab portfolio weights with constraints', () => {
  const weights = async (args: string[]) =>
    okJson<{ weights: Record<string, number>; diagnostics: { net: number; gross: number } }>(
      await cli(['portfolio', 'weights', '--data', UNIVERSE, ...args, '--json']),
      args.join(' '),
    );
  const sector = (g: string) => ['1', '2', '3', '4'].map((k) => `${g}${k}`).join(',');
  const values = <V>(id: string) => extraCase<V & { weights: Record<string, number> }>(id).values;

  it('--group, --cash-buffer, --net, --gross and --turnover give the R quadprog weights of extra-cases.json', async () => {
    const previous = join(root, 'previous.json');
    writeFileSync(
      previous,
      JSON.stringify(
        Object.fromEntries(
          [...'TEC FIN NRG'.split(' ')].flatMap((g) =>
            sector(g)
              .split(',')
              .map((t) => [t, 1 / 12]),
          ),
        ),
      ),
    );
    const [groups, cash, net, gross, turnover] = await Promise.all([
      weights([
        '--optimizer',
        'min-variance',
        '--long-only',
        '--max-weight',
        '0.3',
        '--group',
        `TEC=${sector('TEC')}:0.35:`,
        '--group',
        `FIN=${sector('FIN')}:0.4`,
      ]),
      weights(['--optimizer', 'min-variance', '--long-only', '--max-weight', '0.25', '--cash-buffer', '0.1']),
      weights(['--optimizer', 'mean-variance', '--risk-aversion', '10', '--net', '0.5,0.8', '--min-weight=-0.3', '--max-weight', '0.6']),
      weights(['--optimizer', 'min-variance', '--min-weight=-0.5', '--max-weight', '1', '--gross', '1.2']),
      weights(['--optimizer', 'mean-variance', '--risk-aversion', '10', '--long-only', '--turnover', '0.3', '--previous', previous]),
    ]);
    expectByName(groups.weights, values('gmv_groups_full').weights, 1e-6);
    expectByName(cash.weights, values('gmv_cash10_cap25_full').weights, 1e-6);
    expect(Math.abs(cash.diagnostics.net - 0.9)).toBeLessThanOrEqual(1e-12);
    expectByName(net.weights, values('mean_variance_ra10_net_band_full').weights, 1e-6);
    expectByName(gross.weights, values('gmv_gross12_full').weights, 1e-6);
    expect(gross.diagnostics.gross).toBeLessThanOrEqual(1.2 + 1e-12);
    expectByName(turnover.weights, values('mean_variance_ra10_turnover30_full').weights, 1e-6);
  });

  it('HRP and inverse volatility take --max-weight and --min-weight', async () => {
    const [hrp, iv] = await Promise.all([
      weights(['--optimizer', 'hrp', '--max-weight', '0.1']),
      weights(['--optimizer', 'inverse-vol', '--min-weight', '0.05', '--max-weight', '0.1']),
    ]);
    expectByName(hrp.weights, values('hrp_cap10_full').weights, 1e-9);
    expectByName(iv.weights, values('inverse_vol_min5_cap10_full').weights, 1e-9);
  });

  it('an impossible or malformed constraint exits 2 naming it', async () => {
    const previous = join(root, 'previous-bad.json');
    writeFileSync(previous, JSON.stringify({ TEC1: 1 }));
    const [floors, turnover, gross, group, net, pair, unsupported] = await Promise.all([
      cli([
        'portfolio',
        'weights',
        '--data',
        UNIVERSE,
        '--optimizer',
        'min-variance',
        '--long-only',
        '--group',
        `TEC=${sector('TEC')}:0.6:`,
        '--group',
        `FIN=${sector('FIN')}:0.5:`,
      ]),
      cli([
        'portfolio',
        'weights',
        '--data',
        UNIVERSE,
        '--optimizer',
        'min-variance',
        '--long-only',
        '--max-weight',
        '0.2',
        '--turnover',
        '0.5',
        '--previous',
        previous,
      ]),
      cli(['portfolio', 'weights', '--data', UNIVERSE, '--optimizer', 'min-variance', '--gross', '0.9']),
      cli(['portfolio', 'weights', '--data', UNIVERSE, '--optimizer', 'min-variance', '--group', 'TEC=TEC1,XYZ:0.3']),
      cli(['portfolio', 'weights', '--data', UNIVERSE, '--optimizer', 'min-variance', '--net', '0.5']),
      cli(['portfolio', 'weights', '--data', UNIVERSE, '--optimizer', 'min-variance', '--turnover', '0.5']),
      cli(['portfolio', 'weights', '--data', UNIVERSE, '--optimizer', 'erc', '--gross', '1.5']),
    ]);
    expect(refused(floors)).toMatch(/min-variance: the group floors sum to 1\.1 > the budget 1 \[--group\] \(window .* to 2023-09-29\)/);
    expect(refused(turnover)).toMatch(
      /min-variance: reaching the bounds from the previous weights trades 0\.8\d* > the turnover limit 0\.5 \[--turnover\]/,
    );
    expect(refused(gross)).toMatch(/min-variance: gross exposure 0\.9 cannot hold a net exposure in \[1, 1\] .*\[--gross\]/);
    expect(refused(group)).toMatch(/--group TEC=TEC1,XYZ:0\.3: "XYZ" is not among the instruments/);
    expect(refused(net)).toMatch(/--net 0\.5: expected MIN,MAX/);
    expect(refused(pair)).toMatch(/--turnover MAX and --previous FILE go together/);
    expect(refused(unsupported)).toMatch(/erc: the gross constraint is not supported by this optimizer \[--gross\]/);
  });
});

describe('quantlab risk var', () => {
  it('gives PerformanceAnalytics historical VaR/ES of the equal-weight portfolio (var_historical_full)', async () => {
    const want = portfolioCase<{ p: Record<string, { VaR: number; ES: number }> }>('var_historical_full').values;
    const got = okJson<{ var: Record<string, number>; es: Record<string, number> }>(
      await cli(['risk', 'var', '--data', UNIVERSE, '--weights', 'equal', '--method', 'historical', '--level', '0.95', '--level', '0.99', '--json']),
      'var',
    );
    expect(Object.keys(got.var)).toEqual(['0.95', '0.99']);
    for (const level of ['0.95', '0.99']) {
      expect(Math.abs(got.var[level] - want.p[level].VaR)).toBeLessThanOrEqual(1e-10);
      expect(Math.abs(got.es[level] - want.p[level].ES)).toBeLessThanOrEqual(1e-10);
    }
  });

  it('scales Gaussian VaR to 10 days by √10 and reads a weights FILE (scipy.stats values)', async () => {
    const want = extraCase<{ p: Record<string, { gaussian_var: number; gaussian_es: number }> }>('var_parametric_full').values;
    const file = join(root, 'equal.json');
    writeFileSync(
      file,
      JSON.stringify(
        Object.fromEntries(['TEC1', 'TEC2', 'TEC3', 'TEC4', 'FIN1', 'FIN2', 'FIN3', 'FIN4', 'NRG1', 'NRG2', 'NRG3', 'NRG4'].map((t) => [t, 1 / 12])),
      ),
    );
    const got = okJson<{ var: Record<string, number>; es: Record<string, number> }>(
      await cli(['risk', 'var', '--data', UNIVERSE, '--weights', file, '--method', 'gaussian', '--level', '0.99', '--horizon', '10', '--json']),
      'gaussian',
    );
    expect(Math.abs(got.var['0.99'] - want.p['0.99'].gaussian_var * Math.sqrt(10))).toBeLessThanOrEqual(1e-10);
    expect(Math.abs(got.es['0.99'] - want.p['0.99'].gaussian_es * Math.sqrt(10))).toBeLessThanOrEqual(1e-10);
  });

  it('refuses a weights file naming an unknown instrument, a bad level, a window too long and an --end before the data', async () => {
    const file = join(root, 'bad.json');
    writeFileSync(file, JSON.stringify({ TEC1: 0.5, XYZ: 0.5 }));
    const [name, level, window, end] = await Promise.all([
      cli(['risk', 'var', '--data', UNIVERSE, '--weights', file, '--json']),
      cli(['risk', 'var', '--data', UNIVERSE, '--weights', 'equal', '--level', '95', '--json']),
      cli(['risk', 'var', '--data', UNIVERSE, '--weights', 'equal', '--window', '5000', '--json']),
      cli(['risk', 'var', '--data', UNIVERSE, '--weights', 'equal', '--end', '2017-01-01', '--json']),
    ]);
    expect(refused(name)).toMatch(/bad\.json: "XYZ" is not among the instruments/);
    expect(refused(level)).toMatch(/--level: expected a confidence in \(0, 1\) such as 0\.95, got "95"/);
    expect(refused(window)).toMatch(/--window 5000: only 1499 common returns/);
    expect(refused(end)).toMatch(/--end 2017-01-01: the instruments' common bars all come after it/);
  });
});

describe('quantlab risk stress', () => {
  it('prices the shock vector of stress_shock_vector from a weights FILE alone', async () => {
    const c = portfolioCase<{ pnl: number; contribution: Record<string, number> }>('stress_shock_vector') as unknown as {
      inputs: { weights: Record<string, number>; shocks: Record<string, number> };
      values: { pnl: number; contribution: Record<string, number> };
    };
    const file = join(root, 'stress-weights.json');
    writeFileSync(file, JSON.stringify(c.inputs.weights));
    const shocks = Object.entries(c.inputs.shocks).flatMap(([t, s]) => ['--shock', `${t}=${s}`]);
    const got = okJson<{ pnl: number; contribution: Record<string, number> }>(
      await cli(['risk', 'stress', '--weights', file, ...shocks, '--json']),
      'stress',
    );
    expect(Math.abs(got.pnl - c.values.pnl)).toBeLessThanOrEqual(1e-6);
    expectByName(got.contribution, c.values.contribution, 1e-6);
  });

  it('finds the worst 5-day window of the equal-weight portfolio (pandas rolling product)', async () => {
    const want = extraCase<{ start: number; end: number; return: number }>('worst_window_5_full').values;
    const got = okJson<{ pnl: number; worst: { from: string; to: string; return: number; pnl: number } }>(
      await cli([
        'risk',
        'stress',
        '--data',
        UNIVERSE,
        '--weights',
        'equal',
        '--shock',
        'TEC1=-0.1',
        '--worst-window',
        '5',
        '--value',
        '2000000',
        '--json',
      ]),
      'worst',
    );
    expect(Math.abs(got.pnl - -0.1 * (2_000_000 / 12))).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(got.worst.return - want.return)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(got.worst.pnl - 2_000_000 * want.return)).toBeLessThanOrEqual(1e-6);
    // Returns row r is the move from bar r to r + 1 of closes.csv: rows [start, end) span bars start..end.
    const dates = (await import('node:fs'))
      .readFileSync(join(UNIVERSE, 'closes.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.slice(0, 10));
    expect([got.worst.from.slice(0, 10), got.worst.to.slice(0, 10)]).toEqual([dates[want.start], dates[want.end]]);
  });

  it('refuses a shock on an unknown instrument and --weights equal without --data', async () => {
    const [unknown, noData] = await Promise.all([
      cli(['risk', 'stress', '--data', UNIVERSE, '--weights', 'equal', '--shock', 'ABC=-0.2', '--json']),
      cli(['risk', 'stress', '--weights', 'equal', '--shock', 'TEC1=-0.2', '--json']),
    ]);
    expect(refused(unknown)).toMatch(/--shock ABC=-0\.2: "ABC" is not among the instruments/);
    expect(refused(noData)).toMatch(/--data FILE\|DIR\|ID is required with --weights equal/);
  });
});
