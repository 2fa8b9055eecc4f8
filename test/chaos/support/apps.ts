// The compiled API and worker as separate processes, as in production, run from a snapshot of dist/
// taken when the suite starts (a rebuild during the run cannot pull files from under them).
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '..', '..', '..');

export class Build {
  private constructor(private readonly dist: string) {}

  static snapshot(dir: string): Build {
    const dist = join(dir, 'dist');
    cpSync(join(REPO, 'dist'), dist, { recursive: true });
    return new Build(dist);
  }

  /** Runs the compiled migrations and seed (demo accounts included: intake needs agents). */
  migrate(env: Record<string, string>): void {
    execFileSync(process.execPath, [join(this.dist, 'scripts', 'migrate.js')], { env: this.env(env), stdio: ['ignore', 'ignore', 'inherit'] });
  }

  spawn(app: 'api' | 'worker', env: Record<string, string>, log: string): AppProcess {
    const out = openSync(log, 'a');
    const child = spawn(process.execPath, [join(this.dist, 'apps', app, 'src', 'main.js')], { env: this.env(env), stdio: ['ignore', out, out] });
    return new AppProcess(child);
  }

  private env(extra: Record<string, string>): NodeJS.ProcessEnv {
    // The snapshot lives outside the repository: modules resolve from the repository's node_modules.
    return { PATH: process.env.PATH, NODE_PATH: join(REPO, 'node_modules'), ...extra };
  }
}

export class AppProcess {
  constructor(readonly child: ChildProcess) {}

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends a signal and waits for the exit; returns the exit code (null when killed by the signal). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (!this.running) return this.child.exitCode;
    const exited = once(this.child, 'exit');
    this.child.kill(signal);
    const [code] = (await exited) as [number | null];
    return code;
  }
}
