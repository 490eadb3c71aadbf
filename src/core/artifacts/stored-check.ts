/**
 * Checks of manifest and quarantine records read back from a store, written by hand: the same rules as
 * `ArtifactRecordSchema` (record.ts) and `QuarantineRecordSchema` (quarantine.ts), which stay the truth for writing,
 * but without zod, so that reading a store (`artifacts list/get/find/lineage`, the Artifacts view) neither loads nor
 * runs the schema library. A unit test holds the two to the same answer on valid and broken records.
 */
import { formatInterval, tryParseInterval } from '../domain/interval';
import { CorruptStoreError } from './errors';
import { ARTIFACT_ID, artifactId, QUARANTINE_ID, quarantineId } from './ids';
import { ARTIFACT_KINDS } from './kind';
import { formatSchema, LOGICAL_TYPES, sameSchema } from './logical-schema';
import { OHLCV_SCHEMA } from './ohlcv-content';
import type { QuarantineRecord } from './quarantine';
import type { ArtifactRecord } from './record';

/** The manifest version this lab writes (record.ts, quarantine.ts) and reads. */
export const MANIFEST_VERSION = 1;
const VERSION = MANIFEST_VERSION;
const HEX64 = /^[0-9a-f]{64}$/;
/** ISO-8601 UTC with seconds and any fraction, as `Date.prototype.toISOString` writes it. */
const ISO_UTC = /^(\d{4})-(\d\d)-(\d\d)T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?Z$/;

type Obj = Record<string, unknown>;

/** Collects `path: message` lines, as the schema's issues are described. */
class Problems {
  readonly list: string[] = [];
  add(path: string, message: string): void {
    this.list.push(`${path}: ${message}`);
  }
}

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A plain object with exactly `required` keys (and any of `optional`); reports the others by name. */
function shape(v: unknown, path: string, required: readonly string[], p: Problems, optional: readonly string[] = []): v is Obj {
  if (!isObject(v)) {
    p.add(path, 'expected an object');
    return false;
  }
  const extra = Object.keys(v).filter((k) => !required.includes(k) && !optional.includes(k));
  if (extra.length > 0) p.add(path, `unrecognized keys ${extra.map((k) => JSON.stringify(k)).join(', ')}`);
  return extra.length === 0;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isText = (v: unknown): v is string => isString(v) && v.length > 0;
const isHex64 = (v: unknown): v is string => isString(v) && HEX64.test(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isEpochMs = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** A real calendar day and time of day, UTC (`Z`), seconds present. */
function isIsoUtc(v: unknown): boolean {
  if (!isString(v)) return false;
  const m = ISO_UTC.exec(v);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

function isSortedUnique(list: readonly string[]): boolean {
  for (let i = 1; i < list.length; i++) if (!(list[i - 1] < list[i])) return false;
  return true;
}

function check(ok: boolean, path: string, message: string, p: Problems): void {
  if (!ok) p.add(path, message);
}

/** An array whose every item passes `item`; false (reported) otherwise. */
function arrayOf<T>(v: unknown, path: string, item: (x: unknown) => x is T, message: string, p: Problems): v is T[] {
  if (!Array.isArray(v)) {
    p.add(path, 'expected an array');
    return false;
  }
  const bad = v.findIndex((x) => !item(x));
  if (bad >= 0) p.add(`${path}.${bad}`, message);
  return bad < 0;
}

/** Ordered columns, at least one, each `{ name, type }` with a known type, names unique. */
function checkSchema(v: unknown, p: Problems): boolean {
  if (!Array.isArray(v)) {
    p.add('schema', 'expected an array');
    return false;
  }
  if (v.length === 0) p.add('schema', 'expected at least one column');
  const seen = new Set<string>();
  let ok = v.length > 0;
  v.forEach((c: unknown, i) => {
    if (!shape(c, `schema.${i}`, ['name', 'type'], p)) return (ok = false);
    if (!isText(c.name)) {
      p.add(`schema.${i}.name`, 'expected a non-empty string');
      ok = false;
    } else if (seen.has(c.name)) {
      p.add(`schema.${i}.name`, `duplicate column name "${c.name}"`);
      ok = false;
    } else seen.add(c.name);
    if (!(LOGICAL_TYPES as readonly unknown[]).includes(c.type)) {
      p.add(`schema.${i}.type`, `expected one of ${LOGICAL_TYPES.join(', ')}`);
      ok = false;
    }
    return ok;
  });
  return ok;
}

function checkTimeRange(v: unknown, p: Problems): void {
  if (v === null) return;
  if (!shape(v, 'timeRange', ['startMs', 'endMs'], p)) return;
  check(isEpochMs(v.startMs), 'timeRange.startMs', 'expected a safe integer (epoch ms)', p);
  check(isEpochMs(v.endMs), 'timeRange.endMs', 'expected a safe integer (epoch ms)', p);
  if (isEpochMs(v.startMs) && isEpochMs(v.endMs)) check(v.startMs <= v.endMs, 'timeRange', 'startMs is after endMs', p);
}

function isIntervalName(v: unknown): boolean {
  if (!isString(v)) return false;
  const parsed = tryParseInterval(v);
  return parsed !== undefined && formatInterval(parsed) === v;
}

/** A stored record's keys, in the order the record builder writes them (and its JSON on disk shows them). */
export const RECORD_KEYS = [
  'manifestVersion',
  'id',
  'kind',
  'contentHash',
  'fileHash',
  'format',
  'schema',
  'rowCount',
  'instruments',
  'timeRange',
  'interval',
  'sizes',
  'createdAt',
  'provenance',
  'inputs',
  'tags',
] as const;

/** Every broken rule of a stored manifest record (empty when it is valid). */
export function artifactRecordProblems(v: unknown): string[] {
  const p = new Problems();
  if (!shape(v, '(record)', RECORD_KEYS, p)) return p.list;
  const r = v;
  check(r.manifestVersion === VERSION, 'manifestVersion', `expected ${VERSION}`, p);
  check(isString(r.id) && ARTIFACT_ID.test(r.id), 'id', 'expected art_ + 24 hex digits', p);
  check((ARTIFACT_KINDS as readonly unknown[]).includes(r.kind), 'kind', `expected one of ${ARTIFACT_KINDS.join(', ')}`, p);
  check(isHex64(r.contentHash), 'contentHash', 'expected 64 lowercase hex digits (SHA-256)', p);
  check(isHex64(r.fileHash), 'fileHash', 'expected 64 lowercase hex digits (SHA-256)', p);
  check(r.format === 'parquet', 'format', 'expected "parquet"', p);
  const schemaOk = checkSchema(r.schema, p);
  check(isCount(r.rowCount), 'rowCount', 'expected a non-negative safe integer', p);
  const instrumentsOk = arrayOf(r.instruments, 'instruments', isText, 'expected a non-empty string', p);
  checkTimeRange(r.timeRange, p);
  check(r.interval === null || isIntervalName(r.interval), 'interval', 'expected an interval name (1m 5m 15m 30m 1h 4h 1d 1w 1mo)', p);
  if (shape(r.sizes, 'sizes', ['storedBytes', 'sourceBytes'], p)) {
    check(isCount(r.sizes.storedBytes), 'sizes.storedBytes', 'expected a non-negative safe integer', p);
    check(r.sizes.sourceBytes === null || isCount(r.sizes.sourceBytes), 'sizes.sourceBytes', 'expected a non-negative safe integer or null', p);
  }
  check(isIsoUtc(r.createdAt), 'createdAt', 'expected an ISO-8601 UTC date and time', p);
  if (shape(r.provenance, 'provenance', ['sourceFileName', 'sourceFileHash', 'appVersion'], p)) {
    const s = r.provenance;
    check(s.sourceFileName === null || isText(s.sourceFileName), 'provenance.sourceFileName', 'expected a non-empty string or null', p);
    check(s.sourceFileHash === null || isHex64(s.sourceFileHash), 'provenance.sourceFileHash', 'expected 64 lowercase hex digits or null', p);
    check(isText(s.appVersion), 'provenance.appVersion', 'expected a non-empty string', p);
  }
  const isInputId = (x: unknown): x is string => isString(x) && ARTIFACT_ID.test(x);
  const inputsOk = arrayOf(r.inputs, 'inputs', isInputId, 'expected art_ + 24 hex digits', p);
  const tagsOk = arrayOf(r.tags, 'tags', isText, 'expected a non-empty string', p);
  // The rules across fields, once every field has its type (as the schema checks them after the fields).
  if (p.list.length > 0) return p.list;
  const contentHash = r.contentHash as string;
  const id = artifactId(contentHash);
  check(r.id === id, 'id', `id must be ${id} (derived from contentHash)`, p);
  if (inputsOk) {
    const inputs = r.inputs as string[];
    check(new Set(inputs).size === inputs.length, 'inputs', 'inputs are not unique', p);
    check(!inputs.includes(r.id as string), 'inputs', 'an artifact cannot be its own input', p);
  }
  if (tagsOk) check(isSortedUnique(r.tags as string[]), 'tags', 'tags must be sorted and unique', p);
  if (instrumentsOk) check(isSortedUnique(r.instruments as string[]), 'instruments', 'instruments must be sorted and unique', p);
  if (schemaOk && r.kind === 'ohlcv') {
    const schema = r.schema as Array<{ name: string; type: (typeof LOGICAL_TYPES)[number] }>;
    check(sameSchema(schema, OHLCV_SCHEMA), 'schema', `an ohlcv artifact has schema ${formatSchema(OHLCV_SCHEMA)}; got ${formatSchema(schema)}`, p);
    check(!((r.rowCount as number) > 0 && r.timeRange === null), 'schema', 'an ohlcv artifact with rows needs a timeRange', p);
  }
  return p.list;
}

const QUARANTINE_KEYS = ['manifestVersion', 'id', 'fileHash', 'size', 'sourceFileName', 'kindHint', 'reasons', 'createdAt', 'appVersion'] as const;

function isReason(v: unknown): boolean {
  if (!isObject(v)) return false;
  const keys = Object.keys(v);
  if (keys.length !== 4 || !['code', 'message', 'row', 'column'].every((k) => k in v)) return false;
  return isText(v.code) && isText(v.message) && (v.row === null || isCount(v.row)) && (v.column === null || isString(v.column));
}

/** Every broken rule of a stored quarantine record (empty when it is valid). */
export function quarantineRecordProblems(v: unknown): string[] {
  const p = new Problems();
  if (!shape(v, '(record)', QUARANTINE_KEYS, p, ['totalReasons'])) return p.list;
  const q = v;
  check(q.manifestVersion === VERSION, 'manifestVersion', `expected ${VERSION}`, p);
  check(isString(q.id) && QUARANTINE_ID.test(q.id), 'id', 'expected q_ + 24 hex digits', p);
  check(isHex64(q.fileHash), 'fileHash', 'expected 64 lowercase hex digits (SHA-256)', p);
  check(isCount(q.size), 'size', 'expected a non-negative safe integer', p);
  check(isText(q.sourceFileName), 'sourceFileName', 'expected a non-empty string', p);
  check(
    q.kindHint === null || (ARTIFACT_KINDS as readonly unknown[]).includes(q.kindHint),
    'kindHint',
    `expected one of ${ARTIFACT_KINDS.join(', ')} or null`,
    p,
  );
  const reasonsOk = arrayOf(q.reasons, 'reasons', (x): x is unknown => isReason(x), 'expected { code, message, row, column }', p);
  if (reasonsOk) check((q.reasons as unknown[]).length > 0, 'reasons', 'expected at least one reason', p);
  const total = q.totalReasons;
  check(total === undefined || (isCount(total) && total > 0), 'totalReasons', 'expected a positive safe integer', p);
  check(isIsoUtc(q.createdAt), 'createdAt', 'expected an ISO-8601 UTC date and time', p);
  check(isText(q.appVersion), 'appVersion', 'expected a non-empty string', p);
  if (p.list.length > 0) return p.list;
  check(q.id === quarantineId(q.fileHash as string), 'id', 'id must be derived from fileHash', p);
  check(total === undefined || (total as number) >= (q.reasons as unknown[]).length, 'totalReasons', 'must count at least the listed reasons', p);
  return p.list;
}

/** Message for a stored value that is not valid: an unknown version is named as such. */
function storedProblem(value: unknown, problems: readonly string[], what: string): string {
  const version = isObject(value) ? value.manifestVersion : undefined;
  if (version !== VERSION) return `${what} has manifestVersion ${JSON.stringify(version)}; this version of the lab reads version ${VERSION}`;
  return `not a valid ${what}: ${problems.join('; ')}`;
}

/** A record read back from storage, checked; throws CorruptStoreError naming `where` (a file or key). */
export function parseStoredRecord(value: unknown, where: string): ArtifactRecord {
  const problems = artifactRecordProblems(value);
  if (problems.length === 0) return value as ArtifactRecord;
  throw new CorruptStoreError(where, storedProblem(value, problems, 'manifest record'));
}

/** A quarantine record read back from storage, checked; throws CorruptStoreError naming `where`. */
export function parseStoredQuarantine(value: unknown, where: string): QuarantineRecord {
  const problems = quarantineRecordProblems(value);
  if (problems.length === 0) return value as QuarantineRecord;
  throw new CorruptStoreError(where, storedProblem(value, problems, 'quarantine record'));
}

/** How many reasons the entry found in all (its list may be capped; entries written before the count have none). */
export function reasonTotal(entry: QuarantineRecord): number {
  return entry.totalReasons ?? entry.reasons.length;
}
