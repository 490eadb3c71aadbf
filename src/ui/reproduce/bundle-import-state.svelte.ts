/**
 * The "Bundles" control: a result bundle (.zip) dropped or picked is verified completely — archive, checksums,
 * records, lineage, resultHash, contentHashes re-derived from the Parquet — and only then stored (deduplicated),
 * its experiment registered (listed in the Experiments view like one run here). A refused bundle shows the file inside it and the rule, and leaves the store as it was.
 */
import { BUNDLE_LIMITS } from '../../core/reproduce/bundle-format';
import type { BundleProgress } from '../../core/reproduce/bundle-progress';
import { BundleError } from '../../core/reproduce/errors';
import type { ImportedArtifact } from '../../handlers/import-bundle';
import { errorMessage } from '../error-message';
import type { ReproduceDeps } from '../../ports/reproduce-services';

export type BundleImportStatus = 'idle' | 'working' | 'imported' | 'rejected' | 'failed';

export const BUNDLE_PHASE_LABEL: Readonly<Record<BundleProgress['phase'], string>> = {
  reading: 'reading',
  hashing: 'hashing',
  packing: 'packing',
  verifying: 'verifying checksums',
  content: 're-deriving contentHashes',
  storing: 'storing',
};

export class BundleImportState {
  status = $state<BundleImportStatus>('idle');
  file = $state<string | null>(null);
  progress = $state.raw<BundleProgress | null>(null);
  percent = $derived(this.progress && this.progress.total > 0 ? Math.round((this.progress.done / this.progress.total) * 100) : 0);
  /** One line: what was stored, or why the bundle was refused. */
  message = $state<string | null>(null);
  /** For a refusal: the file inside the bundle at fault (null: the archive itself) and the rule. */
  entry = $state<string | null>(null);
  rule = $state<string | null>(null);
  artifacts = $state.raw<ImportedArtifact[]>([]);
  experimentId = $state<string | null>(null);
  /** false: the experiment was already here (done), and was kept as it is. */
  experimentCreated = $state(false);

  constructor(private readonly deps: Pick<ReproduceDeps, 'services' | 'nextFrame'>) {}

  async importFile(file: File): Promise<void> {
    if (this.status === 'working') return;
    this.status = 'working';
    this.file = file.name;
    this.progress = null;
    this.message = null;
    this.entry = null;
    this.rule = null;
    this.artifacts = [];
    this.experimentId = null;
    this.experimentCreated = false;
    try {
      if (!file.name.toLowerCase().endsWith('.zip'))
        throw new BundleError(null, 'zip', `${file.name} is not a bundle (.zip); data files go to "Import data"`);
      if (file.size > BUNDLE_LIMITS.maxBundleBytes)
        throw new BundleError(null, 'size', `the bundle is ${file.size} bytes; the limit is ${BUNDLE_LIMITS.maxBundleBytes}`);
      const services = await this.deps.services();
      const bytes = new Uint8Array(await file.arrayBuffer());
      const tracker = await services.tracker();
      // Verifying a bundle (zip, Arrow, hashing) is code of its own chunk, loaded with the first bundle.
      const { importBundle } = await import('../../handlers/import-bundle');
      const result = await importBundle({ store: services.store, tracker, codec: services.codec, clock: services.clock }, bytes, {
        fileName: file.name,
        onProgress: async (p) => {
          this.progress = p;
          await this.deps.nextFrame();
        },
      });
      this.artifacts = result.artifacts;
      this.experimentId = result.experiment.record.id;
      this.experimentCreated = result.experiment.created;
      const created = result.artifacts.filter((a) => a.created).length;
      const experiment = result.experiment.created
        ? 'experiment added to Experiments'
        : `experiment already here (${result.experiment.record.status}), kept`;
      this.message = `verified ${result.bundle.experiment.id}: ${created} artifact${created === 1 ? '' : 's'} stored, ${result.artifacts.length - created} already here; ${experiment}`;
      this.status = 'imported';
      if (created > 0 || result.experiment.created) services.changed();
    } catch (e) {
      if (e instanceof BundleError) {
        this.status = 'rejected';
        this.entry = e.file;
        this.rule = e.rule;
        this.message = `${this.file}: ${e.message} — nothing was stored`;
      } else {
        this.status = 'failed';
        this.message = `${this.file}: ${errorMessage(e)}`;
      }
    } finally {
      this.progress = null;
    }
  }
}
