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
      comment: 'The web app talks to the portal only through its public API (the typed client), never by importing server code.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^(libs|apps/(api|worker))/' },
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
