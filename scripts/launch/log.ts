/** Launcher console output: one prefix per source so API, worker and launcher lines stay apart. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const COLORS = { cyan: 36, magenta: 35, yellow: 33, green: 32, red: 31, gray: 90 } as const;
export type Color = keyof typeof COLORS;

export function colorsEnabled(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in process.env);
}

export function paint(text: string, color: Color, enabled: boolean): string {
  return enabled ? `\u001b[${COLORS[color]}m${text}\u001b[0m` : text;
}

export function createLogger(name: string, color: Color = 'green'): Logger {
  const prefix = (stream: NodeJS.WriteStream) => paint(`[${name}]`, color, colorsEnabled(stream));
  const write = (stream: NodeJS.WriteStream, message: string) => {
    for (const line of message.split('\n')) stream.write(`${prefix(stream)} ${line}\n`);
  };
  return {
    info: (message) => write(process.stdout, message),
    warn: (message) => write(process.stderr, `${paint('warning:', 'yellow', colorsEnabled(process.stderr))} ${message}`),
    error: (message) => write(process.stderr, `${paint('error:', 'red', colorsEnabled(process.stderr))} ${message}`),
  };
}

/** Connection URLs go to the console; their passwords must not. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

/**
 * One line of a child's output as the launcher prints it. JSON log lines pass through untouched when
 * the output goes to a file or a log shipper (they must stay parseable); humans get a prefix.
 */
export function formatChildLine(name: string, line: string, options: { color: Color; tty: boolean }): string {
  if (!options.tty && line.trimStart().startsWith('{')) return line;
  return `${paint(`[${name}]`, options.color, options.tty)} ${line}`;
}
