/**
 * The experiment form's universe (lab) profile on universe12's instruments (content hashes of the real files):
 * the version-2 spec it builds is the one the CLI's JSON gives (same experiment id), instrument parameters are
 * chosen by name and written as indices, and bad values are refused on the field whose JSON path the spec
 * validation names — pairs on one instrument, a code above its maximum, an empty universe, a negative cash, a
 * slippage that is not a number. The version-1 form is untouched by the profile choice.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBarsFile } from '../../../src/adapters/node/decode-bars-file';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import { importArtifact } from '../../../src/handlers/import-artifact';
import { identifySpec } from '../../../src/core/experiments/identity';
import { checkSpec, parseSpec } from '../../../src/core/experiments/spec-problems';
import { ExperimentForm, type FormUniverseInput } from '../../../src/ui/experiments/form-state.svelte';
import { sharedDataPath } from '../../helpers/shared-data';

const NAMES = ['TEC1', 'TEC2', 'FIN1', 'FIN2'];
let universe: FormUniverseInput[] = [];

const root = mkdtempSync(join(tmpdir(), 'quantlab-form-lab-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  const store = await DirArtifactStore.open(root);
  const parquet = new NodeParquetCodec();
  universe = [];
  for (const name of NAMES) {
    const file = sharedDataPath(`universe12/${name}.csv`);
    const outcome = await importArtifact(
      { store, decode: decodeBarsFile, parquet, appVersion: '0.1.0-test' },
      { name: `${name}.csv`, bytes: new Uint8Array(readFileSync(file)) },
    );
    if (outcome.status === 'quarantined') throw new Error(`${name}.csv was quarantined`);
    universe.push({ contentHash: outcome.record.contentHash, name: outcome.record.instruments[0] });
  }
  await store.close();
});

function labForm(members: () => readonly FormUniverseInput[] = () => universe): ExperimentForm {
  const form = new ExperimentForm(() => [], members);
  form.profile = 'lab';
  return form;
}

describe('the experiment form, universe (lab) profile', () => {
  it('builds the version-2 spec the CLI JSON gives: same normalized spec, same experiment id', async () => {
    const form = labForm();
    form.lab.strategy = 'xmom';
    Object.assign(form.lab.params.xmom, { lookback: '126', skip: '21', top_k: '2', rebalance: '1' });
    form.lab.commissionRelative = '0.001';
    form.lab.allowShort = true;
    expect(form.problems).toEqual({});
    expect(form.valid).toBe(true);
    const check = checkSpec(form.raw);
    if (!check.ok) throw new Error(JSON.stringify(check.problems));
    expect(check.spec).toMatchObject({
      specVersion: 2,
      profile: 'lab',
      strategy: 'xmom',
      params: { lookback: 126, skip: 21, top_k: 2, rebalance: 1, bottom_k: 0, weighting: 0, vol_window: 63 },
      inputs: NAMES.map((name, i) => ({ contentHash: universe[i].contentHash, name })),
      config: { cash: 10_000, commission: { fixed: 0, relative: 0.001 }, allowShort: true, slippage: { model: 'none' }, fillTiming: 'next-open' },
    });
    const cli = {
      specVersion: 2,
      profile: 'lab',
      strategy: 'xmom',
      params: { lookback: 126, skip: 21, top_k: 2, rebalance: 1 },
      inputs: universe.map((u) => ({ contentHash: u.contentHash, name: u.name })),
      config: { commission: { relative: 0.001 }, allowShort: true },
    };
    expect((await identifySpec(parseSpec(form.raw))).id).toBe((await identifySpec(parseSpec(cli))).id);
  });

  it("writes pairs' legs, chosen by name, as universe indices (default: the first two instruments)", () => {
    const form = labForm();
    form.lab.strategy = 'pairs';
    expect(form.raw.params).toMatchObject({ y: 0, x: 1 });
    form.lab.setLeg('y', 'FIN2');
    form.lab.setLeg('x', 'FIN1');
    expect(form.raw.params).toMatchObject({ y: 3, x: 2 });
    expect(form.problems).toEqual({});
  });

  it('refuses pairs with y = x on the x field, naming the instrument', () => {
    const form = labForm();
    form.lab.strategy = 'pairs';
    form.lab.setLeg('y', 'FIN1');
    form.lab.setLeg('x', 'FIN1');
    expect(form.valid).toBe(false);
    expect(form.problems['params.x']).toBe('x and y must be two different instruments: both are inputs[2] FIN1');
  });

  it('refuses a leg beyond the universe and a code above its maximum', () => {
    const one = labForm(() => universe.slice(0, 1));
    one.lab.strategy = 'pairs';
    expect(one.problems['params.x']).toBe('expected the index of an input, 0 to 0 (the universe has 1 input)');
    one.lab.setLeg('x', 'TEC2');
    // A name that left the universe stays text, refused by the parameter's own rule.
    expect(one.problems['params.x']).toBe('expected integer ≥ 0, got "TEC2"');
    const form = labForm();
    form.lab.params.xmom.rebalance = '4';
    expect(form.problems['params.rebalance']).toBe('expected integer ≥ 1 and ≤ 3, got 4');
  });

  it('names the field of each bad configuration value, and an empty universe', () => {
    const form = labForm();
    form.lab.cash = '-5';
    form.lab.slippage = 'fixed-bps';
    form.lab.slippageBps = 'ten';
    expect(form.problems['config.cash']).toMatch(/^expected a cash amount in \(0, ∞\), got -5/u);
    expect(form.problems['config.slippage.bps']).toMatch(/^expected basis points in \[0, 10000\), got "ten"/u);
    const empty = labForm(() => []);
    expect(empty.valid).toBe(false);
    expect(empty.problems.inputs).toMatch(/^required: choose the universe/u);
  });

  it('shows what creating refused (a store-level problem) on its field until the spec changes', () => {
    const form = labForm();
    expect(form.problems).toEqual({});
    form.refuse([{ path: 'spec.inputs', message: 'mixed intervals in one universe (1d: inputs[0] TEC1; 1h: inputs[1] X)' }]);
    expect(form.problems.inputs).toMatch(/^mixed intervals/u);
    form.lab.seed = '7';
    expect(form.problems.inputs).toBeUndefined();
  });

  it('"Edit as new" fills the universe profile from a stored spec: the same spec comes out again', () => {
    const form = labForm();
    form.lab.strategy = 'pairs';
    form.lab.setLeg('y', 'FIN2');
    form.lab.setLeg('x', 'TEC1');
    Object.assign(form.lab, { allowShort: true, slippage: 'volatility', volMultiplier: '0.5', volWindow: '30', fillTiming: 'close', seed: '9' });
    form.lab.params.pairs.entry_z = '1.5';
    const check = checkSpec(form.raw);
    if (!check.ok || check.spec.profile !== 'lab') throw new Error('not a lab spec');
    const again = labForm();
    again.profile = 'backtesting.py';
    again.load(check.spec, null);
    expect(again.profile).toBe('lab');
    expect(again.lab.legName(universe, 'y')).toBe('FIN2');
    const reloaded = checkSpec(again.raw);
    expect(reloaded).toEqual(check);
  });

  it('leaves the version-1 form as it was: one input, backtesting.py spec', () => {
    const form = new ExperimentForm(
      () => [{ id: 'a', name: 'TEC1', contentHash: universe[0].contentHash }],
      () => universe,
    );
    form.inputId = 'a';
    expect(form.profile).toBe('backtesting.py');
    expect(form.raw).toMatchObject({
      specVersion: 1,
      profile: 'backtesting.py',
      strategy: 'sma-cross',
      inputs: [{ contentHash: universe[0].contentHash, label: 'TEC1' }],
    });
    expect(form.valid).toBe(true);
  });
});
