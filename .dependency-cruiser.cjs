// The layering of the code, enforced by `npm run lint` and drawn in docs/ARCHITECTURE.md
// (`npm run docs:deps`). A library may import only libraries of the layers below its own; apps
// import libraries, never each other; tests, scripts and benchmarks may import anything.
/** Bottom to top. Libraries of one layer do not import each other. */
const LAYERS = [
  ['config', 'common'],
  ['database', 'infra'],
  ['audit', 'realtime'],
  ['queue'],
  ['notifications'],
  ['accounts'],
  ['auth', 'catalogue'],
  ['businesses'],
  ['requests'],
  ['business-links', 'job-offers', 'live'],
  ['privacy', 'webhooks'],
];
const APPS = ['api', 'worker'];
/** The one library file the web app may import. */
const WEB_SHARED = 'libs/common/src/territory[.]ts';

const layerRules = LAYERS.flatMap((layer, index) =>
  layer.map((lib) => {
    const notBelow = LAYERS.slice(index).flat().filter((other) => other !== lib);
    return {
      name: `layers-${lib}`,
      comment: `libs/${lib} may import only libraries of lower layers (.dependency-cruiser.cjs, LAYERS).`,
      severity: 'error',
      from: { path: `^libs/${lib}/` },
      to: { path: `^libs/(${notBelow.join('|')})/` },
    };
  }),
);

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'libs-not-to-apps',
      comment: 'Libraries are used by the apps, never the other way round.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    ...APPS.map((app) => ({
      name: `apps-${app}-alone`,
      comment: 'An app never imports another app: what two apps share lives in a library.',
      severity: 'error',
      from: { path: `^apps/${app}/` },
      to: { path: `^apps/(?!${app}/)` },
    })),
    {
      name: 'web-through-the-api',
      comment:
        'The web app talks to the portal only through its public API (the typed client), never by importing server code. ' +
        'One exception: the territory facts (communes), a pure file the API validates with, so the two lists cannot drift.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^(libs|apps/(api|worker))/', pathNot: `^${WEB_SHARED}$` },
    },
    {
      name: 'web-shared-stays-pure',
      comment: 'What the web app bundles from libs imports nothing (no server code can reach the browser through it).',
      severity: 'error',
      from: { path: `^${WEB_SHARED}$` },
      to: {},
    },
    {
      name: 'no-circular',
      comment: 'No import cycle, between libraries or inside one.',
      severity: 'error',
      from: { path: '^(apps|libs)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    includeOnly: '^(apps|libs)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
