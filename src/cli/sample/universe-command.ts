/**
 * `quantlab sample universe --out DIR [--format csv|parquet] [--json]`: writes the 24 members of the sample universe
 * as `<member>.csv` (or `.parquet`) files whose contentHash is that of the artifacts the universe picker stores, so
 * `reproduce LINK --data DIR` finds the inputs of a run made on the sample universe in the browser. A file already
 * there with the same bytes is left as it is; one with other bytes is never overwritten: the command stops before
 * writing anything and names it.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NodeParquetCodec } from '../../adapters/node/node-parquet-codec';
import { sampleUniverseFiles, type SampleFileFormat } from '../../handlers/sample-universe-files';
import { CliError } from '../cli-error';
import { textTable } from '../artifacts/text-table';

const FORMATS: readonly SampleFileFormat[] = ['csv', 'parquet'];

function parse(argv: string[]): { out: string; format: SampleFileFormat; json: boolean } {
  let values: { out?: string; format?: string; json?: boolean };
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { out: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' } },
    }).values;
  } catch (e) {
    throw new CliError(`sample universe: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  if (values.out === undefined || values.out.trim() === '') throw new CliError('sample universe: --out DIR is required');
  const format = values.format ?? 'csv';
  if (!FORMATS.includes(format as SampleFileFormat))
    throw new CliError(`sample universe: --format: expected ${FORMATS.join(' or ')}, got "${format}"`);
  return { out: resolve(values.out), format: format as SampleFileFormat, json: values.json === true };
}

const sameBytes = (path: string, bytes: Uint8Array) => Buffer.compare(readFileSync(path), bytes) === 0;

export async function sampleUniverseCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const args = parse(argv);
  if (existsSync(args.out) && !statSync(args.out).isDirectory()) throw new CliError(`sample universe: --out ${args.out} is not a directory`);
  const files = await sampleUniverseFiles(args.format, new NodeParquetCodec());
  const plan = files.map((f) => {
    const path = join(args.out, f.fileName);
    if (!existsSync(path)) return { file: f, path, status: 'written' as const };
    if (statSync(path).isFile() && sameBytes(path, f.bytes)) return { file: f, path, status: 'unchanged' as const };
    return { file: f, path, status: 'conflict' as const };
  });
  const conflicts = plan.filter((p) => p.status === 'conflict').map((p) => p.path);
  if (conflicts.length > 0)
    throw new CliError(
      `sample universe: ${conflicts.join(', ')} already exist${conflicts.length === 1 ? 's' : ''} with other content; nothing was written`,
    );
  mkdirSync(args.out, { recursive: true });
  for (const p of plan) {
    if (p.status !== 'written') continue;
    // Written beside, then renamed: an interrupted run never leaves a half file under a member's name.
    const temp = `${p.path}.${process.pid}.partial`;
    writeFileSync(temp, p.file.bytes);
    renameSync(temp, p.path);
  }
  const rows = plan.map(({ file, status }) => ({
    file: file.fileName,
    instrument: file.instrument,
    name: file.name,
    sector: file.sector,
    rows: file.rows,
    bytes: file.bytes.length,
    contentHash: file.contentHash,
    id: file.artifactId,
    status,
  }));
  if (args.json) {
    out(JSON.stringify({ out: args.out, format: args.format, files: rows }) + '\n');
    return;
  }
  const written = rows.filter((r) => r.status === 'written').length;
  out(`${rows.length} sample universe instruments in ${args.out} (${args.format}; ${written} written, ${rows.length - written} unchanged)\n`);
  out(
    textTable(
      [{ header: 'file' }, { header: 'name' }, { header: 'rows', align: 'right' }, { header: 'id' }],
      rows.map((r) => [r.file, r.name, r.rows.toLocaleString('en-US'), r.id]),
    ),
  );
}
