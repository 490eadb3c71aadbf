/** `quantlab artifacts …`: import files into the content-addressed store, list, get, find and trace artifacts, delete one. */
import { parseArtifactsArgs } from '../artifacts/parse-artifacts-args';
import { processContext, type CliContext } from '../artifacts/store-access';

// Subcommands are imported when they run: a query never loads the importer (CSV and Parquet writers, validation).
const importCommands = () => import('../artifacts/import-command');
const queryCommands = () => import('../artifacts/query-commands');
const deleteCommands = () => import('../artifacts/delete-command');

export function createArtifactsCommand(context: () => CliContext = processContext) {
  return async (argv: string[], out: (s: string) => void): Promise<void> => {
    const args = parseArtifactsArgs(argv);
    const ctx = context();
    switch (args.command) {
      case 'import':
        return (await importCommands()).importCommand(args, ctx, out);
      case 'list':
        return (await queryCommands()).listCommand(args, ctx, out);
      case 'find':
        return (await queryCommands()).findCommand(args, ctx, out);
      case 'get':
        return (await queryCommands()).getCommand(args, ctx, out);
      case 'lineage':
        return (await queryCommands()).lineageCommand(args, ctx, out);
      case 'delete':
        return (await deleteCommands()).deleteCommand(args, ctx, out);
    }
  };
}

/** The command as main.ts registers it: store from --store, $QUANTLAB_STORE or ./.quantlab of this process. */
export const artifactsCommand = createArtifactsCommand();
