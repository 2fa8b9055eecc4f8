// The layering rules of .dependency-cruiser.cjs (run by `npm run lint`) fail on a wrong import:
// checked on a small tree of its own, so the real one stays untouched.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'layers-'));
  try {
    const tree: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', paths: { '@portal/*': ['./libs/*/src'] } } }),
      ...files,
    };
    for (const folder of ['apps', 'libs']) mkdirSync(join(dir, folder));
    for (const [file, text] of Object.entries(tree)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'depcruise'), ['apps', 'libs', '--config', join(ROOT, '.dependency-cruiser.cjs')], { cwd: dir, encoding: 'utf8' });
    return { status: run.status, output: run.stdout + run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lib = (name: string, body = 'export const x = 1;\n') => ({ [`libs/${name}/src/index.ts`]: body });

describe('the layering rules (.dependency-cruiser.cjs)', () => {
  it('accept a library importing one of a lower layer, and an app importing libraries', () => {
    const result = cruise({
      ...lib('common'),
      ...lib('requests', "import { x } from '@portal/common';\nexport const y = x;\n"),
      'apps/api/src/main.ts': "import { y } from '@portal/requests';\nexport const z = y;\n",
    });
    expect(result.output).toContain('no dependency violations');
    expect(result.status).toBe(0);
  }, 30_000);

  it('accept the web app importing the territory facts, the one library file it shares', () => {
    const result = cruise({ 'libs/common/src/territory.ts': "export const COMMUNES = ['Thio'] as const;\n", 'apps/web/src/lib/territory.ts': "export { COMMUNES } from '../../../../libs/common/src/territory';\n" });
    expect(result.output).toContain('no dependency violations');
    expect(result.status).toBe(0);
  }, 30_000);

  it.each([
    ['a lower library importing a higher one', { ...lib('requests'), ...lib('common', "import { x } from '@portal/requests';\nexport const y = x;\n") }, 'layers-common'],
    ['two libraries of one layer', { ...lib('catalogue'), ...lib('auth', "import { x } from '@portal/catalogue';\nexport const y = x;\n") }, 'layers-auth'],
    ['a library importing an app', { 'apps/api/src/x.ts': 'export const x = 1;\n', ...lib('common', "import { x } from '../../../apps/api/src/x';\nexport const y = x;\n") }, 'libs-not-to-apps'],
    ['an app importing another', { 'apps/worker/src/x.ts': 'export const x = 1;\n', 'apps/api/src/main.ts': "import { x } from '../../worker/src/x';\nexport const y = x;\n" }, 'apps-api-alone'],
    ['the web app importing server code', { ...lib('common'), 'apps/web/src/main.ts': "import { x } from '../../../libs/common/src/index';\nexport const y = x;\n" }, 'web-through-the-api'],
    ['the territory file the web app shares importing anything', { 'libs/common/src/json.ts': 'export const x = 1;\n', 'libs/common/src/territory.ts': "import { x } from './json';\nexport const y = x;\n" }, 'web-shared-stays-pure'],
  ])('fail on %s', (_case, files, rule) => {
    const result = cruise(files);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(`error ${rule}`);
  }, 30_000);
});
