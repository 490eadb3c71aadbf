import { beforeAll } from 'vitest';
import {
  labStrategy,
  runLab,
  type LabBuiltinSpec,
  type LabConfigInput,
  type LabResult,
  type LabTimeline,
  type Strategy,
} from '../../../src/core/lab';
import type { LabWasmEngine } from '../../../src/engine/lab';
import { loadLabEngine } from './load-lab-engine';
import { expectSameLabResult } from './same-result';

/** The same strategy behind a wrapper the facade does not recognise as a built-in: it runs in JS against the module's phases. */
export function inJs(s: Strategy): Strategy {
  return { initialize: (ctx) => s.initialize?.(ctx), onBar: (ctx) => s.onBar(ctx) };
}

/**
 * The setup the built-in twin tests share: one engine instance for the test file (loaded in beforeAll), and
 * `expectTwins`, which runs a built-in three ways — the TypeScript twin in the reference, the AssemblyScript twin
 * inside the module, the TypeScript twin driving the module's phases — and expects the same bits from all three.
 */
export function labTwins(): { readonly lab: LabWasmEngine; expectTwins(tl: LabTimeline, config: LabConfigInput, spec: LabBuiltinSpec): LabResult } {
  let lab: LabWasmEngine | undefined;
  beforeAll(async () => {
    lab = await loadLabEngine();
  });
  const engine = (): LabWasmEngine => {
    if (lab === undefined) throw new Error('the lab engine is loaded in beforeAll: use it inside a test');
    return lab;
  };
  return {
    get lab() {
      return engine();
    },
    expectTwins(tl, config, spec) {
      const ref = runLab(tl, config, { strategy: labStrategy(spec) });
      expectSameLabResult(engine().runLabWasm(tl, config, { strategy: labStrategy(spec) }), ref);
      expectSameLabResult(engine().runLabWasm(tl, config, { strategy: inJs(labStrategy(spec)) }), ref);
      return ref;
    },
  };
}
