import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { type Color, colorsEnabled, formatChildLine, type Logger } from './log';

export interface ChildSpec {
  name: string;
  script: string;
  color: Color;
}

export interface ChildExit {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Running {
  spec: ChildSpec;
  process: ChildProcess;
  exited: Promise<ChildExit>;
  isRunning(): boolean;
}

/** How long the API and worker get to finish requests and jobs after SIGTERM before SIGKILL. */
const GRACE_MS = 15_000;
/** After a child exits, wait this long for its last output lines before reporting the exit. */
const OUTPUT_DRAIN_MS = 500;

/**
 * Runs the API and the worker as child processes with their output prefixed, and reports the first one
 * that exits on its own: a crash stops everything.
 */
export class Supervisor {
  private readonly children: Running[] = [];
  private stopping = false;
  private reportUnexpected!: (exit: ChildExit) => void;
  /** Resolves when a child exits without having been asked to. */
  readonly unexpectedExit = new Promise<ChildExit>((resolve) => (this.reportUnexpected = resolve));

  constructor(private readonly options: { cwd: string; env: NodeJS.ProcessEnv; log: Logger }) {}

  start(spec: ChildSpec): void {
    const child = spawn(process.execPath, ['--enable-source-maps', spec.script], {
      cwd: this.options.cwd,
      env: this.options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group: a terminal Ctrl-C reaches only the launcher, which then stops each child once,
      // in order. (Nest exits at once on a second signal, and npm forwards Ctrl-C again.)
      detached: process.platform !== 'win32',
    });
    forwardLines(child.stdout, process.stdout, spec);
    forwardLines(child.stderr, process.stderr, spec);

    let done = false;
    const exited = new Promise<ChildExit>((resolve) => {
      const finish = (exit: ChildExit) => {
        if (done) return;
        done = true;
        resolve(exit);
        if (!this.stopping) this.reportUnexpected(exit);
      };
      child.once('error', (error) => {
        this.options.log.error(`${spec.name}: ${error.message}`);
        finish({ name: spec.name, code: null, signal: null });
      });
      child.once('exit', (code, signal) => {
        const drained = new Promise((r) => child.once('close', r));
        const timeout = new Promise((r) => setTimeout(r, OUTPUT_DRAIN_MS).unref());
        void Promise.race([drained, timeout]).then(() => finish({ name: spec.name, code, signal }));
      });
    });
    this.children.push({ spec, process: child, exited, isRunning: () => !done });
    this.options.log.info(`${spec.name} started (pid ${child.pid})`);
  }

  /** SIGTERM to each child, then SIGKILL to those still running after the grace period. */
  async stop(): Promise<void> {
    this.stopping = true;
    const running = this.children.filter((child) => child.isRunning());
    for (const child of running) signal(child.process, 'SIGTERM');
    await Promise.all(
      running.map(async (child) => {
        const timer = setTimeout(() => {
          this.options.log.warn(`${child.spec.name} still running after ${GRACE_MS / 1000} s: killing it`);
          signal(child.process, 'SIGKILL');
        }, GRACE_MS);
        const exit = await child.exited;
        clearTimeout(timer);
        this.options.log.info(`${child.spec.name} stopped${describeExit(exit)}`);
      }),
    );
  }

  /** Synchronous last resort (second Ctrl-C, launcher exiting): kill whatever still runs. */
  killNow(): void {
    this.stopping = true;
    for (const child of this.children) if (child.isRunning()) signal(child.process, 'SIGKILL');
  }
}

export function describeExit(exit: ChildExit): string {
  if (exit.signal) return ` (signal ${exit.signal})`;
  if (exit.code !== null && exit.code !== 0) return ` (exit code ${exit.code})`;
  return '';
}

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  try {
    child.kill(name);
  } catch {
    // Already gone.
  }
}

function forwardLines(input: Readable, output: NodeJS.WriteStream, spec: ChildSpec): void {
  const tty = colorsEnabled(output);
  createInterface({ input, crlfDelay: Infinity }).on('line', (line) => {
    output.write(`${formatChildLine(spec.name, line, { color: spec.color, tty })}\n`);
  });
}
