/** `quantlab artifacts …`: import files into the content-addressed store, list, get, find and trace artifacts, delete one. */
import { deleteCommand } from '../artifacts/delete-command';
import { importCommand } from '../artifacts/import-command';
import { parseArtifactsArgs } from '../artifacts/parse-artifacts-args';
import { findCommand, getCommand, lineageCommand, listCommand } from '../artifacts/query-commands';
import { processContext, type CliContext } from '../artifacts/store-access';

export function createArtifactsCommand(context: () => CliContext = processContext) {
  return async (argv: string[], out: (s: string) => void): Promise<void> => {
    const args = parseArtifactsArgs(argv);
    const ctx = context();
    switch (args.command) {
      case 'import':
        return importCommand(args, ctx, out);
      case 'list':
        return listCommand(args, ctx, out);
      case 'find':
        return findCommand(args, ctx, out);
      case 'get':
        return getCommand(args, ctx, out);
      case 'lineage':
        return lineageCommand(args, ctx, out);
      case 'delete':
        return deleteCommand(args, ctx, out);
    }
  };
}

/** The command as main.ts registers it: store from --store, $QUANTLAB_STORE or ./.quantlab of this process. */
export const artifactsCommand = createArtifactsCommand();
