import { once } from 'node:events';
import { connect } from 'node:net';
import { Redis } from 'ioredis';

export interface DumpedKey {
  key: string;
  type: string;
  /** The whole value as text: string, hash fields and values, list, set and zset members, stream entries. */
  content: string;
}

// Values kept as written (not JSON-encoded again), one per line.
const lines = (values: unknown[]): string => values.flat(3).join('\n');

/** Every key matching `pattern` with everything it holds, whatever its type (for tests that inspect Redis). */
export async function dumpRedisKeys(redis: Redis, pattern: string): Promise<DumpedKey[]> {
  const keys = new Set<string>();
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    batch.forEach((k) => keys.add(k));
    cursor = next;
  } while (cursor !== '0');

  const dumped: DumpedKey[] = [];
  for (const key of [...keys].sort()) {
    const type = await redis.type(key);
    const content = await read(redis, key, type);
    if (content !== null) dumped.push({ key, type, content });
  }
  return dumped;
}

async function read(redis: Redis, key: string, type: string): Promise<string | null> {
  switch (type) {
    case 'none':
      return null; // expired or removed since the scan
    case 'string':
      return redis.get(key);
    case 'hash':
      return lines(Object.entries(await redis.hgetall(key)));
    case 'list':
      return lines(await redis.lrange(key, 0, -1));
    case 'set':
      return lines(await redis.smembers(key));
    case 'zset':
      return lines(await redis.zrange(key, 0, -1, 'WITHSCORES'));
    case 'stream':
      return lines(await redis.xrange(key, '-', '+'));
    default:
      throw new Error(`${key}: Redis type ${type} is not dumped`);
  }
}

/**
 * Every command the Redis server executes, from any client, as MONITOR prints it (one line each:
 * `<time> [<db> <client>] "cmd" "arg"…`, bytes outside printable ASCII as \xNN). A raw socket:
 * ioredis' monitor mode can misread a reply that arrives with the first monitored lines.
 */
export async function monitorRedis(url: string, onLine: (line: string) => void): Promise<{ stop(): void }> {
  const { hostname, port, username, password } = new URL(url);
  const socket = connect(Number(port || 6379), hostname);
  await once(socket, 'connect');
  const commands = [...(password ? [`AUTH ${decodeURIComponent(username || 'default')} ${decodeURIComponent(password)}`] : []), 'MONITOR'];
  let replies = 0;
  let buffer = '';
  let started!: () => void;
  const monitoring = new Promise<void>((resolve) => (started = resolve));
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    const lines = (buffer + chunk).split('\r\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      if (replies < commands.length) {
        if (!line.startsWith('+OK')) throw new Error(`MONITOR refused: ${line}`);
        if (++replies === commands.length) started();
      } else onLine(line.slice(1));
    }
  });
  socket.write(commands.map((c) => `${c}\r\n`).join(''));
  await monitoring;
  return { stop: () => socket.destroy() };
}

/**
 * Deletes every key a portal left under its QUEUE_PREFIX: BullMQ's and the queue marker
 * (`<prefix>:…`) and the rate limiter's (`{<prefix>:throttle:…}`). Quiet when Redis does not answer
 * (a test that stopped it on purpose).
 */
export async function clearRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    for (const match of [`${prefix}:*`, `{${prefix}:*`]) {
      for await (const keys of redis.scanStream({ match, count: 1000 }) as AsyncIterable<string[]>) {
        if (keys.length > 0) await redis.del(...keys);
      }
    }
  } catch {
    // Nobody to ask: nothing to clean.
  } finally {
    redis.disconnect();
  }
}
