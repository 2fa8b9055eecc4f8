// The suite's durations, from the environment (defaults keep the whole suite under ~10 minutes).
const number = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

export const CHAOS = {
  /** How long each fault lasts (Redis down or frozen, PostgreSQL stopped). */
  faultMs: number('CHAOS_FAULT_MS', 10_000),
  /** Steady load before the fault and after recovery. */
  steadyMs: number('CHAOS_STEADY_MS', 3_000),
  /** Concurrent clients submitting. */
  clients: number('CHAOS_CLIENTS', 4),
  residents: number('CHAOS_RESIDENTS', 8),
  /** The API's REQUEST_TIMEOUT_MS in the suite: no request may take longer. */
  requestTimeoutMs: number('CHAOS_REQUEST_TIMEOUT_MS', 5_000),
  /** How long the portal has, after the fault, to finish everything. */
  recoveryMs: number('CHAOS_RECOVERY_MS', 90_000),
  /** A client abandons a submission not acknowledged after this long. */
  giveUpMs: number('CHAOS_GIVE_UP_MS', 120_000),
  /** The apps' LOG_LEVEL; their logs are in the suite's temporary folder (CHAOS_KEEP_LOGS=1 keeps it). */
  appLogLevel: process.env.CHAOS_LOG_LEVEL ?? 'warn',
};
