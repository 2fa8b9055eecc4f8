// npm run bench -- <scenario>: builds, then runs one benchmark script of this folder.
const SCENARIOS = ['submit', 'pipeline', 'worklist', 'export', 'burst', 'realtime', 'web'] as const;

const scenario = process.argv[2] ?? '';
if (!(SCENARIOS as readonly string[]).includes(scenario)) {
  console.error(`usage: npm run bench -- <${SCENARIOS.join('|')}>`);
  process.exit(2);
}
require(`./${scenario}`);
