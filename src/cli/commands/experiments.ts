/**
 * `quantlab experiments …`: create experiments from spec files (the JSON the browser uses, see
 * docs/experiment-spec.schema.json), execute them into result artifacts, and get and list them.
 */
import { exportCommand, linkCommand } from '../experiments/bundle-commands';
import { createCommand, executeCommand, getCommand, listCommand, runCommand, schemaCommand } from '../experiments/experiment-commands';
import type { ExperimentsContext } from '../experiments/lab-access';
import { parseExperimentsArgs } from '../experiments/parse-experiments-args';
import { processContext } from '../artifacts/store-access';

export function createExperimentsCommand(context: () => ExperimentsContext = processContext) {
  return async (argv: string[], out: (s: string) => void): Promise<void> => {
    const args = parseExperimentsArgs(argv);
    const ctx = context();
    switch (args.command) {
      case 'create':
        return createCommand(args, ctx, out);
      case 'execute':
        return executeCommand(args, ctx, out);
      case 'run':
        return runCommand(args, ctx, out);
      case 'get':
        return getCommand(args, ctx, out);
      case 'list':
        return listCommand(args, ctx, out);
      case 'schema': {
        schemaCommand(out);
        return;
      }
      case 'export':
        return exportCommand(args, ctx, out);
      case 'link':
        return linkCommand(args, ctx, out);
    }
  };
}

/** The command as main.ts registers it: store from --store, $QUANTLAB_STORE or ./.quantlab of this process. */
export const experimentsCommand = createExperimentsCommand();
