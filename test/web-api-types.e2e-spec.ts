import { spawnSync } from 'node:child_process';

// The web app's types of the API (apps/web/src/lib/api/schema.d.ts) are generated from the API's own
// OpenAPI document; this fails when the committed file no longer matches what the code serves.
// In a child process: openapi-typescript loads ES modules, which jest's CommonJS runtime cannot.
describe('Web app API types (e2e)', () => {
  it('match the OpenAPI document of the running code (else run `npm run web:api-types`)', () => {
    const run = spawnSync('npm', ['run', '--silent', 'web:api-types', '--', '--check'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect({ status: run.status, stderr: run.stderr.trim() }).toEqual({ status: 0, stderr: '' });
  });
});
