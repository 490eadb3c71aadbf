/**
 * The constraint flags of `quantlab portfolio weights` beyond --long-only / --max-weight: --min-weight X, --gross G,
 * --net MIN,MAX, --group NAME=A,B,…:MAX or NAME=A,B,…:MIN:MAX (either side may be empty; repeatable), --cash-buffer C,
 * --turnover MAX with --previous FILE (a JSON object {name: weight}; instruments it leaves out held 0). Each becomes
 * the OptimizerInput field of the same name; malformed values exit 2 naming the flag.
 */
import type { OptimizerInput, PortfolioGroup } from '../../core/portfolio/optimizer';
import { CliError } from '../cli-error';
import { numberFlag } from './risk-model-flag';
import { readWeightsObject } from './weights-file';

export const CONSTRAINT_FLAGS = {
  'min-weight': { type: 'string' },
  gross: { type: 'string' },
  net: { type: 'string' },
  group: { type: 'string', multiple: true },
  'cash-buffer': { type: 'string' },
  turnover: { type: 'string' },
  previous: { type: 'string' },
} as const;

/** The flag that sets each OptimizerInput constraint, to name it in errors. */
export const CONSTRAINT_FLAG_OF: Readonly<Record<string, string>> = {
  'min-weight': '--min-weight',
  'max-weight': '--max-weight',
  gross: '--gross',
  net: '--net',
  groups: '--group',
  cashBuffer: '--cash-buffer',
  turnover: '--turnover',
  'target-return': '--target-return',
  'risk-free': '--risk-free',
  bounds: '--long-only',
};

const number = (flag: string, text: string, whole: string): number => {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new CliError(`--${flag} ${whole}: "${text}" is not a number`);
  return v;
};

function groupFlag(item: string, tickers: readonly string[]): PortfolioGroup {
  const eq = item.indexOf('=');
  const parts = item.slice(eq + 1).split(':');
  if (eq <= 0 || parts.length < 2 || parts.length > 3) throw new CliError(`--group ${item}: expected NAME=A,B,…:MAX or NAME=A,B,…:MIN:MAX`);
  const name = item.slice(0, eq);
  const members = parts[0].split(',').map((m) => m.trim());
  const index = members.map((m) => {
    const i = tickers.indexOf(m);
    if (i < 0) throw new CliError(`--group ${item}: "${m}" is not among the instruments (${tickers.join(', ')})`);
    return i;
  });
  const [minText, maxText] = parts.length === 2 ? ['', parts[1]] : [parts[1], parts[2]];
  if (minText.trim() === '' && maxText.trim() === '') throw new CliError(`--group ${item}: give a MIN, a MAX or both`);
  return {
    name,
    members: index,
    ...(minText.trim() !== '' ? { min: number('group', minText, item) } : {}),
    ...(maxText.trim() !== '' ? { max: number('group', maxText, item) } : {}),
  };
}

type Constraints = Pick<OptimizerInput, 'minWeight' | 'gross' | 'net' | 'groups' | 'cashBuffer' | 'turnover'>;

export async function constraintFlags(v: Record<string, unknown>, tickers: readonly string[]): Promise<Constraints> {
  const out: Constraints = {};
  const minWeight = numberFlag(v, 'min-weight');
  if (minWeight !== undefined) out.minWeight = minWeight;
  const gross = numberFlag(v, 'gross');
  if (gross !== undefined) out.gross = gross;
  const cash = numberFlag(v, 'cash-buffer');
  if (cash !== undefined) out.cashBuffer = cash;
  if (v.net !== undefined) {
    const text = v.net as string;
    const parts = text.split(',');
    if (parts.length !== 2) throw new CliError(`--net ${text}: expected MIN,MAX (e.g. 0.5,1)`);
    out.net = { min: number('net', parts[0], text), max: number('net', parts[1], text) };
  }
  const groups = (v.group as string[] | undefined) ?? [];
  if (groups.length > 0) {
    out.groups = groups.map((g) => groupFlag(g, tickers));
    const seen = new Set<string>();
    for (const g of out.groups) {
      if (seen.has(g.name)) throw new CliError(`--group: "${g.name}" is given twice`);
      seen.add(g.name);
    }
  }
  const turnover = numberFlag(v, 'turnover');
  const previous = v.previous as string | undefined;
  if ((turnover === undefined) !== (previous === undefined)) throw new CliError('--turnover MAX and --previous FILE go together');
  if (turnover !== undefined && previous !== undefined) {
    const byName = await readWeightsObject(previous, 'previous');
    for (const name of byName.keys())
      if (!tickers.includes(name)) throw new CliError(`--previous ${previous}: "${name}" is not among the instruments (${tickers.join(', ')})`);
    out.turnover = { previous: Float64Array.from(tickers, (t) => byName.get(t) ?? 0), max: turnover };
  }
  return out;
}
