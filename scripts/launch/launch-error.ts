/**
 * A problem the developer can fix (a port in use, a bad variable, no PostgreSQL reachable).
 * The launcher prints its message alone, without a stack trace.
 */
export class LaunchError extends Error {
  override readonly name = 'LaunchError';
}

/** Thrown between start-up steps once Ctrl-C or SIGTERM arrived: unwind what was started, exit 0. */
export class StopRequested extends Error {
  override readonly name = 'StopRequested';

  constructor(readonly signal: NodeJS.Signals) {
    super(`stopped by ${signal}`);
  }
}
