/**
 * The reproduce route (`#/run/v1/…`): a run link opened in this lab. Shows what the link says (as text), which inputs
 * it needs and whether this browser holds them (by contentHash), takes the missing ones as files or a folder — checked by hash
 * on the way in, stored only if they are the data the run used — re-runs the spec through the experiment handler,
 * and shows the verdict. Independent of the other views: it brings its own ports (src/ports/reproduce-services.ts),
 * started only when a link is opened or a bundle is dropped.
 */
import type { ReproduceDeps } from '../ports/reproduce-services';
import type { ReproduceStage } from '../handlers/reproduce-run';
import { inputName, neededInputs, type NeededInput } from '../handlers/reproduce/needed-inputs';
import type { RunLink } from '../core/reproduce/run-link';
import { reproduceVerdict, type Verdict } from '../core/reproduce/verdict';
import { errorMessage } from './error-message';

export type ReproduceStatus = 'idle' | 'running' | 'done' | 'failed';

export const REPRODUCE_STAGES: readonly ReproduceStage[] = ['inputs', 'creating', 'freezing', 'loading', 'signal', 'running', 'publishing'];

export const REPRODUCE_STAGE_LABEL: Readonly<Record<ReproduceStage, string>> = {
  inputs: 'matching inputs',
  creating: 'creating the experiment',
  freezing: 'freezing inputs',
  loading: 'loading bars',
  signal: 'running the SQL signal',
  running: 'running the engine',
  publishing: 'publishing results',
};

export interface AdmissionNote {
  file: string;
  status: 'accepted' | 'refused';
  message: string;
}

export class ReproduceState {
  /** The link being reproduced (null: none, or it could not be read). */
  link = $state.raw<RunLink | null>(null);
  /** Why the link in the address could not be read (one line, rule named). */
  linkError = $state<string | null>(null);
  active = $derived(this.link !== null || this.linkError !== null);
  specText = $derived(this.link ? JSON.stringify(this.link.spec, null, 2) : '');

  inputs = $state.raw<NeededInput[]>([]);
  missing = $derived(this.inputs.filter((i) => i.status === 'missing').length);
  checking = $state(false);
  /** Files of the batch being checked, while one is. */
  checked = $state.raw<{ done: number; total: number } | null>(null);
  admissions = $state.raw<AdmissionNote[]>([]);
  /** The run names members of the lab's sample universe: the panel offers to generate them here. */
  sampleUniverse = $state(false);

  status = $state<ReproduceStatus>('idle');
  stage = $state<ReproduceStage | null>(null);
  verdict = $state.raw<Verdict | null>(null);
  /** The experiment the re-run created (or found), when it ran. */
  experimentId = $state<string | null>(null);
  error = $state<string | null>(null);

  private opened = 0;

  constructor(private readonly deps: ReproduceDeps) {}

  /** Opens a run link from the address (`location.hash`); anything else closes the panel. */
  async openHash(hash: string): Promise<void> {
    const token = ++this.opened;
    this.reset();
    if (!/^#\/run\//.test(hash)) {
      this.link = null;
      this.linkError = null;
      return;
    }
    try {
      // Decoding a link (zip, schemas) is code of its own chunk: most starts have no link to decode.
      const { decodeRunLink } = await import('../core/reproduce/run-link');
      if (token !== this.opened) return;
      this.link = decodeRunLink(hash);
      this.linkError = null;
    } catch (e) {
      this.link = null;
      this.linkError = errorMessage(e);
      return;
    }
    await this.refreshInputs(token);
  }

  private reset(): void {
    this.inputs = [];
    this.admissions = [];
    this.sampleUniverse = false;
    this.checked = null;
    this.verdict = null;
    this.error = null;
    this.status = 'idle';
    this.stage = null;
    this.experimentId = null;
  }

  async refreshInputs(token = this.opened): Promise<void> {
    const link = this.link;
    if (!link) return;
    try {
      const services = await this.deps.services();
      const inputs = await neededInputs(services.store, link);
      const { mentionsSampleUniverse } = await import('../handlers/reproduce/admit-sample-universe');
      if (token !== this.opened) return;
      this.inputs = inputs;
      this.sampleUniverse = mentionsSampleUniverse(link);
    } catch (e) {
      if (token === this.opened) this.error = errorMessage(e);
    }
  }

  /**
   * Files offered for the missing inputs — picked, or a whole folder picked or dropped: each checked by
   * contentHash, stored only when it matches one the run needs. A file that matches none is named and refused
   * (nothing stored); the verdict `input-mismatch` stands only while an input is still missing after the batch, so
   * a folder holding more than the universe (other instruments, a closes table) still completes it.
   */
  async supply(files: readonly File[]): Promise<void> {
    const link = this.link;
    if (!link || files.length === 0) return;
    this.checking = true;
    this.error = null;
    this.checked = { done: 0, total: files.length };
    let mismatch: string | null | undefined;
    let stored = false;
    try {
      const services = await this.deps.services();
      const { admitInput } = await import('../handlers/reproduce/admit-input');
      const notes: AdmissionNote[] = [];
      for (const file of files) {
        const outcome = await admitInput(services.admit, link, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
        if (outcome.status === 'accepted') {
          notes.push({
            file: file.name,
            status: 'accepted',
            message: `${file.name} is input ${outcome.index + 1} (${inputName(link.inputs[outcome.index])}): ${outcome.created ? 'stored' : 'already stored'} as ${outcome.record.id}`,
          });
          stored ||= outcome.created;
        } else {
          notes.push({ file: file.name, status: 'refused', message: `${outcome.message}; nothing was stored` });
          if (outcome.reason === 'content-mismatch') mismatch = outcome.contentHash;
        }
        this.checked = { done: notes.length, total: files.length };
      }
      this.admissions = [...this.admissions, ...notes];
      if (stored) services.changed();
      await this.refreshInputs();
      const stillMissing = this.inputs.some((i) => i.status === 'missing');
      if (mismatch !== undefined && stillMissing) this.verdict = this.mismatch(link, mismatch);
      else if (this.verdict?.reason === 'input-mismatch' && !stillMissing) this.verdict = null;
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.checking = false;
      this.checked = null;
    }
  }

  /**
   * "Use the sample universe": the run was made on the lab's sample universe, which any browser can generate from
   * its seed. The members the run uses (by contentHash) are stored as the universe picker stores them; nothing
   * else is, and a run whose inputs only share the members' names is told so.
   */
  async useSampleUniverse(): Promise<void> {
    const link = this.link;
    if (!link || this.checking) return;
    this.checking = true;
    this.error = null;
    try {
      const services = await this.deps.services();
      const { admitSampleUniverse } = await import('../handlers/reproduce/admit-sample-universe');
      const admitted = await admitSampleUniverse(services.admit, link);
      const notes: AdmissionNote[] =
        admitted.length === 0
          ? [{ file: 'sample universe', status: 'refused', message: 'no input of this run is a member of the sample universe; nothing was stored' }]
          : admitted.map((a) => ({
              file: a.member,
              status: 'accepted',
              message: `sample universe member ${a.member} is input ${a.index + 1} (${inputName(link.inputs[a.index])}): stored as ${a.record.id}`,
            }));
      this.admissions = [...this.admissions, ...notes];
      if (admitted.length > 0) services.changed();
      await this.refreshInputs();
      if (this.verdict?.reason === 'input-mismatch' && !this.inputs.some((i) => i.status === 'missing')) this.verdict = null;
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.checking = false;
    }
  }

  /** The verdict on a file that is not the data the run used: it stands where the first missing input would. */
  private mismatch(link: RunLink, offered: string | null): Verdict {
    const firstMissing = this.inputs.find((i) => i.status === 'missing')?.index ?? 0;
    const actual = link.inputs.map((_input, i) => (i === firstMissing ? offered : (this.inputs[i]?.record?.contentHash ?? null)));
    return reproduceVerdict(
      { resultHash: link.expectedResultHash, engineBuildHash: link.engineBuildHash, inputs: link.inputs.map((i) => i.contentHash) },
      { resultHash: null, engineBuildHash: null, inputs: actual },
      link.inputs.map((i) => inputName(i)),
    );
  }

  async rerun(): Promise<void> {
    const link = this.link;
    if (!link || this.status === 'running') return;
    this.status = 'running';
    this.error = null;
    this.verdict = null;
    this.stage = null;
    let run: typeof import('../handlers/reproduce-run') | undefined;
    try {
      run = await import('../handlers/reproduce-run');
      const services = await this.deps.services();
      const deps = await services.execution();
      const outcome = await run.reproduceRun(deps, link, { onStage: (s) => (this.stage = s) });
      this.inputs = outcome.inputs;
      this.verdict = outcome.verdict;
      this.experimentId = outcome.experiment?.id ?? null;
      this.status = 'done';
      if (outcome.experiment) services.changed();
    } catch (e) {
      this.error = run && e instanceof run.ReproduceFailedError ? e.message : `the re-run could not start: ${errorMessage(e)}`;
      this.status = 'failed';
    } finally {
      this.stage = null;
    }
  }

  close(): void {
    this.opened++;
    this.link = null;
    this.linkError = null;
    this.reset();
    this.deps.clearRoute();
  }
}
