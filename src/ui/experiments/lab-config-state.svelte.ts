/**
 * The lab engine's whole configuration as a user types it (text, so that a bad value reaches the spec's schema and
 * is refused there by its JSON path): cash, commissions, spread, slippage model, fill timing, volume share, margin,
 * shorting, lot size, close at end and seed. The experiment form's universe profile and the universe sweep's costs
 * both hold one and draw it with lab-config-fields.svelte; `json()` is the version-2 spec's `config` before defaults.
 */
import type { LabSpecConfig } from '../../core/experiments/lab-spec';

export const SLIPPAGE_MODELS = ['none', 'fixed-bps', 'random', 'volatility'] as const;
export type SlippageModel = (typeof SLIPPAGE_MODELS)[number];

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

/** Starting values other than the engine's defaults (a sweep starts with costs, the experiment form without). */
export interface LabConfigStart {
  cash?: number;
  commissionRelative?: number;
  spread?: number;
}

export class LabConfigState {
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

  constructor(start: LabConfigStart = {}) {
    if (start.cash !== undefined) this.cash = String(start.cash);
    if (start.commissionRelative !== undefined) this.commissionRelative = String(start.commissionRelative);
    if (start.spread !== undefined) this.spread = String(start.spread);
  }

  /** Takes a version-2 spec's configuration. */
  loadConfig(c: LabSpecConfig): void {
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

  /** The spec's `config` as typed (before defaults). */
  json(): Record<string, unknown> {
    return defined({
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
