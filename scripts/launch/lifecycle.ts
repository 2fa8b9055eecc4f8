import { StopRequested } from './launch-error';
import type { Logger } from './log';

/** Something started that must be stopped: gracefully (stop), or at once when there is no time left (stopNow). */
export interface Resource {
  name: string;
  stop(): Promise<void>;
  stopNow?(): void;
}

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** `npm start` delivers a terminal Ctrl-C twice (the terminal, then npm forwarding it): count it once. */
const DUPLICATE_SIGNAL_MS = 1_000;

/**
 * Owns the launcher's shutdown: signals, and the resources to stop in reverse order of start
 * (API and worker first, the mail catcher, the embedded PostgreSQL last).
 * A second Ctrl-C stops everything at once.
 */
export class Lifecycle {
  private readonly resources: Array<{ resource: Resource; stopped: boolean }> = [];
  private signal?: NodeJS.Signals;
  private signalAt = 0;
  private resolveStop!: (signal: NodeJS.Signals) => void;
  /** Resolves with the first stop signal. */
  readonly stopRequested = new Promise<NodeJS.Signals>((resolve) => (this.resolveStop = resolve));

  constructor(private readonly log: Logger) {
    for (const name of STOP_SIGNALS) process.on(name, this.onSignal);
    // Whatever happens (uncaught error, process.exit elsewhere), never leave PostgreSQL or a child behind.
    process.on('exit', this.onExit);
  }

  get stopping(): boolean {
    return this.signal !== undefined;
  }

  /** Between start-up steps: if a stop was requested meanwhile, unwind now. */
  throwIfStopping(): void {
    if (this.signal) throw new StopRequested(this.signal);
  }

  add(resource: Resource): void {
    this.resources.push({ resource, stopped: false });
  }

  /** Stops every resource, last started first; a failure is logged and does not stop the others. */
  async stopAll(): Promise<void> {
    for (const entry of [...this.resources].reverse()) {
      if (entry.stopped) continue;
      try {
        await entry.resource.stop();
      } catch (error) {
        this.log.error(`could not stop ${entry.resource.name}: ${(error as Error).message}`);
      } finally {
        entry.stopped = true;
      }
    }
  }

  dispose(): void {
    for (const name of STOP_SIGNALS) process.removeListener(name, this.onSignal);
    process.removeListener('exit', this.onExit);
  }

  private readonly onSignal = (signal: NodeJS.Signals): void => {
    const now = Date.now();
    if (!this.signal) {
      this.signal = signal;
      this.signalAt = now;
      this.log.info(`${signal} received: stopping (Ctrl-C again to force)`);
      this.resolveStop(signal);
      return;
    }
    if (now - this.signalAt < DUPLICATE_SIGNAL_MS) return;
    this.log.warn(`${signal} received again: forcing stop`);
    this.stopAllNow();
    process.exit(1);
  };

  private readonly onExit = (): void => this.stopAllNow();

  private stopAllNow(): void {
    for (const entry of [...this.resources].reverse()) {
      if (entry.stopped) continue;
      entry.stopped = true;
      try {
        entry.resource.stopNow?.();
      } catch {
        // Best effort: the process is going away.
      }
    }
  }
}
