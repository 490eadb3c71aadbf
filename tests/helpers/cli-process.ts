/**
 * Runs `quantlab` as a real process through bin/quantlab.js (the build in dist-cli/, made current by the global
 * setup build-cli-setup.ts) with stdout and stderr piped, and collects all of both:
 * what a script or `jq` reading the pipe gets, and how the process ends. The in-process runner (cli-run.ts) cannot
 * see either — output cut at the pipe's buffer, a stack trace on EPIPE, a handle that keeps the process alive.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/quantlab.js', import.meta.url));

export interface CliProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

export interface CliProcessOptions {
  /** Working directory (a temporary one: a command without --store would create ./.quantlab there). */
  cwd: string;
  /** Close our end of stdout once this many bytes arrived, like `quantlab … | head -c N`. */
  stopReadingAfter?: number;
  /** The process is killed and the run fails if it has not ended by then (something left open keeps it alive). */
  timeoutMs?: number;
}

// Each child is a Node start-up plus its command's work: only a few run at once, however many callers ask.
const MAX_RUNNING = 3;
let running = 0;
const waiting: Array<() => void> = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

function spawnCli(args: string[], options: CliProcessOptions): Promise<CliProcessResult> {
  const env = { ...process.env };
  delete env.QUANTLAB_STORE;
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let received = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    out.push(chunk);
    received += chunk.length;
    if (options.stopReadingAfter !== undefined && received >= options.stopReadingAfter) child.stdout.destroy();
  });
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const timeoutMs = options.timeoutMs ?? 180_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`quantlab ${args.join(' ')}: still running after ${timeoutMs} ms (stderr: ${Buffer.concat(err).toString('utf8')})`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    // 'close' comes after the process ended and both pipes reached their end: everything it wrote is in.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** `quantlab <args>` as a child process; resolves when it has ended, with everything it wrote. */
export async function runCliProcess(args: string[], options: CliProcessOptions): Promise<CliProcessResult> {
  const release = await slot();
  try {
    return await spawnCli(args, options);
  } finally {
    release();
  }
}
