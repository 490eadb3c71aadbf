/**
 * The "universe (lab)" half of the experiment form: a lab strategy with the parameters its registry entry lists
 * (types, ranges, defaults), the lab engine's configuration as a user sets it, and the universe picker's selection
 * as the inputs. It turns them into version-2 spec JSON, which the spec's own schema checks like any other spec —
 * the form never has a format of its own. Instrument parameters (pairs' y and x) are chosen by name here and
 * written as the universe indices the spec takes.
 */
import { INSTRUMENT_PARAMS, type LabSpec } from '../../core/experiments/lab-spec';
import { findStrategy, labStrategyIds } from '../../core/strategies/registry';

/** An instrument of the universe as the picker selected it. */
export interface FormUniverseInput {
  readonly contentHash: string;
  readonly name: string;
}

export const SLIPPAGE_MODELS = ['none', 'fixed-bps', 'random', 'volatility'] as const;
export type SlippageModel = (typeof SLIPPAGE_MODELS)[number];

/** Parameters that name an instrument of the universe (by index in the spec, by name in the form). */
export { INSTRUMENT_PARAMS };

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/iu;

/** Empty → left out (the schema fills its default); a number → the number; else the text, for the schema to refuse by name. */
export function numeric(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return NUMBER.test(t) ? Number(t) : t;
}

export function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function startingParams(): Record<string, Record<string, string>> {
  return Object.fromEntries(
    labStrategyIds().map((id) => [
      id,
      Object.fromEntries(
        findStrategy(id)
          .lab.params.filter((p) => !(INSTRUMENT_PARAMS[id] ?? []).includes(p.name))
          .map((p) => [p.name, p.default === undefined ? '' : String(p.default)]),
      ),
    ]),
  );
}

export class LabFormFields {
  strategy = $state('xmom');
  /** Numeric parameters as typed, per lab strategy. */
  params = $state<Record<string, Record<string, string>>>(startingParams());
  /** Instrument parameters by name, per strategy ('' = the default: the universe's first, second, … instrument). */
  legs = $state<Record<string, Record<string, string>>>({});
  cash = $state('10000');
  commissionFixed = $state('0');
  commissionRelative = $state('0');
  spread = $state('0');
  slippage = $state<SlippageModel>('none');
  slippageBps = $state('0');
  volMultiplier = $state('1');
  volWindow = $state('20');
  fillTiming = $state<'next-open' | 'close'>('next-open');
  volumeShare = $state('0');
  marginRatio = $state('1');
  allowShort = $state(false);
  lotSize = $state('1');
  closeAtEnd = $state(false);
  seed = $state('0');

  readonly strategies = labStrategyIds();

  /** The instrument an instrument parameter names: the one picked, else the k-th of the universe. */
  legName(universe: readonly FormUniverseInput[], name: string): string {
    const picked = this.legs[this.strategy]?.[name] ?? '';
    if (picked !== '') return picked;
    const k = (INSTRUMENT_PARAMS[this.strategy] ?? []).indexOf(name);
    return universe[k]?.name ?? '';
  }

  setLeg(name: string, instrument: string): void {
    this.legs[this.strategy] = { ...this.legs[this.strategy], [name]: instrument };
  }

  /** Takes a version-2 spec's strategy, parameters (instruments by their names) and configuration. */
  load(spec: LabSpec): void {
    const legs = INSTRUMENT_PARAMS[spec.strategy] ?? [];
    this.strategy = spec.strategy;
    this.params[spec.strategy] = Object.fromEntries(
      findStrategy(spec.strategy)
        .lab.params.filter((p) => !legs.includes(p.name))
        .map((p) => [p.name, spec.params[p.name] === undefined ? '' : String(spec.params[p.name])]),
    );
    this.legs[spec.strategy] = Object.fromEntries(legs.map((name) => [name, spec.inputs[spec.params[name]]?.name ?? '']));
    const c = spec.config;
    this.cash = String(c.cash);
    this.commissionFixed = String(c.commission.fixed);
    this.commissionRelative = String(c.commission.relative);
    this.spread = String(c.spread);
    this.slippage = c.slippage.model;
    if (c.slippage.model === 'fixed-bps' || c.slippage.model === 'random') this.slippageBps = String(c.slippage.bps);
    if (c.slippage.model === 'volatility') {
      this.volMultiplier = String(c.slippage.volMultiplier);
      this.volWindow = String(c.slippage.window);
    }
    this.fillTiming = c.fillTiming;
    this.volumeShare = String(c.volumeShare);
    this.marginRatio = String(c.marginRatio);
    this.allowShort = c.allowShort;
    // Per-input lot sizes are not a form field: the first stands for all (edit the JSON for more).
    this.lotSize = String(Array.isArray(c.lotSize) ? (c.lotSize[0] ?? 1) : c.lotSize);
    this.closeAtEnd = c.closeAtEnd;
    this.seed = String(c.seed);
  }

  /** Version-2 spec JSON (before defaults) for the universe given. */
  raw(universe: readonly FormUniverseInput[], label: string): Record<string, unknown> {
    const typed = Object.entries(this.params[this.strategy] ?? {}).map(([k, v]) => [k, numeric(v)] as const);
    const legs = (INSTRUMENT_PARAMS[this.strategy] ?? []).map((name) => {
      const chosen = this.legName(universe, name);
      const at = universe.findIndex((u) => u.name === chosen);
      // A name no longer in the universe stays text, so the schema refuses the field by name.
      return [name, at >= 0 ? at : chosen === '' ? undefined : chosen] as const;
    });
    return defined({
      specVersion: 2,
      profile: 'lab',
      label: label.trim() === '' ? undefined : label,
      strategy: this.strategy,
      params: defined(Object.fromEntries([...typed, ...legs])),
      inputs: universe.map((u) => ({ contentHash: u.contentHash, name: u.name })),
      config: defined({
        cash: numeric(this.cash),
        commission: defined({ fixed: numeric(this.commissionFixed), relative: numeric(this.commissionRelative) }),
        spread: numeric(this.spread),
        slippage: this.slippageJson(),
        fillTiming: this.fillTiming,
        volumeShare: numeric(this.volumeShare),
        marginRatio: numeric(this.marginRatio),
        allowShort: this.allowShort,
        lotSize: numeric(this.lotSize),
        closeAtEnd: this.closeAtEnd,
        seed: numeric(this.seed),
      }),
    });
  }

  private slippageJson(): Record<string, unknown> {
    switch (this.slippage) {
      case 'none':
        return { model: 'none' };
      case 'fixed-bps':
      case 'random':
        return defined({ model: this.slippage, bps: numeric(this.slippageBps) });
      case 'volatility':
        return defined({ model: 'volatility', volMultiplier: numeric(this.volMultiplier), window: numeric(this.volWindow) });
    }
  }
}
