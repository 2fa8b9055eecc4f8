import { formatChildLine, redactUrl } from './log';

describe('redactUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactUrl('postgres://postgres:s3cr%40t@127.0.0.1:54329/portal')).toBe('postgres://postgres:***@127.0.0.1:54329/portal');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});

describe('formatChildLine', () => {
  it('prefixes lines with the child name', () => {
    expect(formatChildLine('api', 'listening on 3000', { color: 'cyan', tty: false })).toBe('[api] listening on 3000');
  });

  it('passes JSON log lines through untouched when the output is not a terminal', () => {
    const json = '{"level":30,"msg":"listening"}';
    expect(formatChildLine('api', json, { color: 'cyan', tty: false })).toBe(json);
    expect(formatChildLine('api', json, { color: 'cyan', tty: true })).toContain('[api]');
  });
});
