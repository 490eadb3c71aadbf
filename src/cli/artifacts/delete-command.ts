/**
 * `quantlab artifacts delete ID|PREFIX`: removes an artifact's record through the delete use case — refused, with
 * the reason and exit 1, while other artifacts were made from it or experiments hold it in their results. Only
 * the record goes; its bytes stay until the store's garbage collection.
 */
import { ArtifactInUseError } from '../../core/artifacts/errors';
import { deleteArtifact } from '../../handlers/delete-artifact';
import { CliError } from '../cli-error';
import { storeDir, withExistingLab, type ExperimentsContext } from '../experiments/lab-access';
import { resolveRef } from './resolve-ref';
import { noStoreError } from './store-access';

export async function deleteCommand(
  args: { ref: string; json: boolean; store: string | undefined },
  ctx: ExperimentsContext,
  out: (s: string) => void,
): Promise<void> {
  const dir = storeDir(ctx, args.store);
  const id = await withExistingLab(dir, ctx, async (lab) => {
    if (!lab) throw noStoreError(dir);
    const resolved = await resolveRef(lab.store, args.ref, { quarantine: false });
    if (resolved.kind !== 'artifact') throw new CliError(`${args.ref} is not an artifact`, 1);
    try {
      await deleteArtifact({ store: lab.store, tracker: lab.tracker }, resolved.record.id);
    } catch (e) {
      if (e instanceof ArtifactInUseError) throw new CliError(`${e.message}; nothing was deleted`, 1);
      throw e;
    }
    return resolved.record.id;
  });
  if (args.json) out(`${JSON.stringify({ store: dir, deleted: id })}\n`);
  else out(`deleted ${id}\n`);
}
