// Static checks of what cannot run here (no container engine, no cluster): docker/compose.yml, the
// Dockerfile and the Kubernetes manifests (k8s/), parsed with `yaml`; their settings validated by
// libs/config exactly as the apps will, secret files simulated in a temporary directory. The
// Kubernetes manifests are also rendered as `kubectl apply -k` would (`kubectl kustomize`, which this
// kind of machine ships) and every object validated against the Kubernetes API schemas
// (kubernetes-models 4, the last CommonJS line).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { AppConfig, validateConfig } from '@portal/config';

const ROOT = join(__dirname, '..');
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|PRIVATE_KEY/;
const CONFIG_KEYS = new Set(Object.keys(new AppConfig()));

/** The settings with every `*_FILE` pointing at a fresh file holding a plausible secret. */
function withSimulatedSecretFiles(env: Record<string, string>, dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(env)) {
    // Compose interpolation with its defaults, as `docker compose` does with nothing set.
    const value = raw.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
    if (!key.endsWith('_FILE')) {
      out[key] = value;
      continue;
    }
    const file = join(dir, key);
    // The seal key must be a real Ed25519 key (a 32-byte seed in base64); the others are opaque.
    writeFileSync(file, key === 'SEAL_PRIVATE_KEY_FILE' ? `${Buffer.alloc(32, 7).toString('base64')}\n` : `${'s3cr3t-'.repeat(6)}\n`);
    out[key] = file;
  }
  return out;
}

type ComposeService = {
  image?: string;
  user?: string;
  command?: string[];
  environment?: Record<string, string>;
  secrets?: string[];
  volumes?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
};

describe('docker/compose.yml and the Dockerfile', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker', 'compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
    volumes: Record<string, unknown>;
    secrets: Record<string, { file?: string; environment?: string }>;
  };
  const dockerfile = readFileSync(join(ROOT, 'docker', 'Dockerfile'), 'utf8');
  const portalServices = ['migrate', 'api', 'worker'] as const;
  const storageDir = compose.services.api.environment!.STORAGE_DIR;
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'portal-compose-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives every long-running service a healthcheck; the worker’s is its metrics port’s /health', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.restart === 'no') continue; // one-shot (migrate): the others wait for its exit code
      expect({ name, healthcheck: (service.healthcheck?.test?.length ?? 0) > 0 && !service.healthcheck?.disable }).toEqual({ name, healthcheck: true });
    }
    const worker = compose.services.worker;
    expect(worker.healthcheck!.test!.join(' ')).toContain(`127.0.0.1:${worker.environment!.METRICS_PORT}/health`);
    expect(compose.services.api.healthcheck!.test!.join(' ')).toContain('/health/ready');
    expect(compose.services.api.depends_on?.migrate.condition).toBe('service_completed_successfully');
    expect(compose.services.worker.depends_on?.migrate.condition).toBe('service_completed_successfully');
  });

  it('runs the app as node, with documents on one named volume owned by node, shared by the API and the worker', () => {
    for (const name of portalServices) expect(compose.services[name].user).toBe('node');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(storageDir).toBe('/var/lib/portal/documents');
    expect(dockerfile).toContain(`STORAGE_DIR=${storageDir}`);
    expect(dockerfile).toMatch(new RegExp(`mkdir -p ${storageDir} && chown -R node:node /var/lib/portal`));
    for (const name of ['api', 'worker'] as const) {
      expect(compose.services[name].volumes).toContain(`documents:${storageDir}`);
      expect(compose.services[name].environment!.STORAGE_DIR).toBe(storageDir);
    }
    expect(Object.keys(compose.volumes)).toContain('documents');
  });

  it('holds no secret value: secrets are files declared as compose secrets, read through *_FILE', () => {
    expect(compose.services.postgres.environment!.POSTGRES_PASSWORD).toBeUndefined();
    expect(compose.services.postgres.environment!.POSTGRES_PASSWORD_FILE).toBe('/run/secrets/postgres_password');
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (SECRET_NAME.test(key)) expect({ name, key, isFile: key.endsWith('_FILE') }).toEqual({ name, key, isFile: true });
        if (key.endsWith('_FILE')) {
          const secret = /^\/run\/secrets\/([a-z_]+)$/.exec(String(value))?.[1];
          expect({ name, key, declared: !!secret && (service.secrets ?? []).includes(secret) && !!compose.secrets[secret]?.file }).toEqual({ name, key, declared: true });
          if (portalServices.includes(name as (typeof portalServices)[number])) expect(CONFIG_KEYS).toContain(key.slice(0, -'_FILE'.length));
        }
        if (/^postgres(ql)?:/.test(String(value))) expect(new URL(String(value)).password).toBe('');
      }
    }
    // The secret files stay out of git and out of the build context.
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8')).toMatch(/^docker\/secrets\/?$/m);
    expect(readFileSync(join(ROOT, '.dockerignore'), 'utf8')).toMatch(/^docker\/secrets\/?$/m);
  });

  it('connects the API and the worker as portal_app, and migrates as the owner, who gives portal_app its login', () => {
    for (const name of ['api', 'worker'] as const) {
      expect(new URL(compose.services[name].environment!.DATABASE_URL).username).toBe('portal_app');
      expect(compose.services[name].environment!.DATABASE_APP_PASSWORD_FILE).toBeUndefined();
    }
    const migrate = compose.services.migrate.environment!;
    expect(new URL(migrate.DATABASE_URL).username).toBe('portal');
    expect(migrate.DATABASE_PASSWORD_FILE).toBe('/run/secrets/postgres_password');
    expect(migrate.DATABASE_APP_PASSWORD_FILE).toBe(compose.services.api.environment!.DATABASE_PASSWORD_FILE);
    expect(compose.services.migrate.command).toEqual(['node', '--enable-source-maps', 'dist/scripts/migrate.js']);
  });

  it('passes libs/config’s validation in production for each app, secrets read from their files', () => {
    for (const name of portalServices) {
      const config = validateConfig(withSimulatedSecretFiles(compose.services[name].environment!, dir));
      expect(config.isProduction).toBe(true);
      expect(config.JWT_SECRET).toBe('s3cr3t-'.repeat(6));
      expect(decodeURIComponent(new URL(config.DATABASE_URL).password)).toBe('s3cr3t-'.repeat(6));
    }
  });
});

type K8sDoc = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary manifests, checked field by field
  spec?: any;
  data?: Record<string, string>;
};
type Container = {
  name: string;
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: Array<{ name: string; value?: string; valueFrom?: unknown }>;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { runAsNonRoot?: boolean; allowPrivilegeEscalation?: boolean };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  volumeMounts?: Array<{ name: string; mountPath: string }>;
};

describe('Kubernetes manifests (k8s/: kustomize base and production overlay)', () => {
  const files = ['base', 'overlays/production'].flatMap((d) => readdirSync(join(ROOT, 'k8s', d)).filter((f) => f.endsWith('.yaml')).map((f) => join(ROOT, 'k8s', d, f)));
  const docs = new Map<string, K8sDoc[]>(
    files.map((file) => [
      file,
      parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => {
        expect(doc.errors).toEqual([]);
        return doc.toJS() as K8sDoc;
      }),
    ]),
  );
  const base = files.filter((f) => f.includes('/base/') && basename(f) !== 'kustomization.yaml').flatMap((f) => docs.get(f)!);
  const of = (kind: string) => base.filter((d) => d.kind === kind);
  const workloads = [...of('Deployment'), ...of('Job')];
  const podSpec = (w: K8sDoc) => w.spec.template.spec as { securityContext?: { runAsNonRoot?: boolean }; containers: Container[]; volumes?: Array<{ name: string; secret?: { secretName: string }; persistentVolumeClaim?: { claimName: string } }> };
  const config = of('ConfigMap').find((c) => c.metadata.name === 'portal-config')!;

  it('parses; every document has apiVersion, kind and a name; kustomizations list files that exist, and all of them', () => {
    for (const [file, list] of docs) {
      for (const doc of list) expect({ file, ok: !!doc.apiVersion && !!doc.kind && (doc.kind === 'Kustomization' || !!doc.metadata?.name) }).toEqual({ file, ok: true });
    }
    for (const kustomization of files.filter((f) => basename(f) === 'kustomization.yaml')) {
      const k = docs.get(kustomization)![0] as unknown as { resources: string[]; patches?: Array<{ path?: string }> };
      const listed = [...k.resources, ...(k.patches ?? []).flatMap((p) => (p.path ? [p.path] : []))];
      for (const entry of listed) {
        const target = join(dirname(kustomization), entry);
        expect({ entry, exists: entry.endsWith('.yaml') ? files.includes(target) : readdirSync(target).includes('kustomization.yaml') }).toEqual({ entry, exists: true });
      }
      const siblings = files.filter((f) => dirname(f) === dirname(kustomization) && f !== kustomization).map((f) => basename(f));
      expect(siblings.filter((f) => !listed.includes(f))).toEqual([]);
    }
  });

  it('gives every container resource requests and limits, runs it as non-root, and probes every long-running one', () => {
    expect(of('Deployment').map((d) => d.metadata.name).sort()).toEqual(['portal-api', 'portal-worker']);
    expect(of('Job').map((d) => d.metadata.name)).toEqual(['portal-migrate']);
    for (const workload of workloads) {
      const spec = podSpec(workload);
      for (const container of spec.containers) {
        const where = `${workload.metadata.name}/${container.name}`;
        for (const kind of ['requests', 'limits'] as const) {
          expect({ where, kind, cpu: !!container.resources?.[kind]?.cpu, memory: !!container.resources?.[kind]?.memory }).toEqual({ where, kind, cpu: true, memory: true });
        }
        expect({ where, nonRoot: spec.securityContext?.runAsNonRoot ?? container.securityContext?.runAsNonRoot }).toEqual({ where, nonRoot: true });
        expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
        if (workload.kind === 'Job') continue; // a one-shot: its completion is what is watched
        for (const probe of [container.livenessProbe, container.readinessProbe]) {
          expect(probe?.httpGet?.path).toMatch(/^\/health/);
          expect((container.ports ?? []).map((p) => p.name)).toContain(probe?.httpGet?.port);
        }
      }
    }
    // The worker is probed on its metrics/health port (its only HTTP).
    const worker = podSpec(of('Deployment').find((d) => d.metadata.name === 'portal-worker')!).containers[0];
    expect(worker.readinessProbe?.httpGet).toEqual({ path: '/health', port: 'metrics' });
    expect(worker.ports).toEqual([{ name: 'metrics', containerPort: Number(config.data!.METRICS_PORT) }]);
  });

  it('takes secrets by reference only: no Secret object, no secret value in env or ConfigMaps', () => {
    for (const list of docs.values()) expect(list.filter((d) => d.kind === 'Secret')).toEqual([]);
    for (const configMap of [...docs.values()].flat().filter((d) => d.kind === 'ConfigMap')) {
      for (const [key, value] of Object.entries(configMap.data ?? {})) {
        if (SECRET_NAME.test(key)) expect(key).toMatch(/_FILE$/);
        if (key.endsWith('_FILE')) expect(CONFIG_KEYS).toContain(key.slice(0, -'_FILE'.length));
        if (/^postgres(ql)?:|^rediss?:/.test(value)) expect(new URL(value).password).toBe('');
      }
    }
    for (const workload of workloads) {
      const spec = podSpec(workload);
      for (const container of spec.containers) {
        for (const env of container.env ?? []) if (SECRET_NAME.test(env.name)) expect({ name: env.name, file: env.name.endsWith('_FILE') }).toEqual({ name: env.name, file: true });
      }
      for (const volume of spec.volumes ?? []) if (volume.secret) expect(['portal-secrets', 'portal-db-owner']).toContain(volume.secret.secretName);
    }
  });

  it('shares documents on a ReadWriteMany claim mounted at STORAGE_DIR by the API and the worker', () => {
    const [claim] = of('PersistentVolumeClaim');
    expect(claim.spec.accessModes).toEqual(['ReadWriteMany']);
    for (const name of ['portal-api', 'portal-worker']) {
      const spec = podSpec(of('Deployment').find((d) => d.metadata.name === name)!);
      const volume = spec.volumes!.find((v) => v.persistentVolumeClaim?.claimName === claim.metadata.name)!;
      expect(spec.containers[0].volumeMounts).toContainEqual(expect.objectContaining({ name: volume.name, mountPath: config.data!.STORAGE_DIR }));
    }
  });

  it('lets only the API in from outside; scales it with an HPA; keeps pods through disruptions; PostgreSQL and Redis external', () => {
    const policies = of('NetworkPolicy');
    expect(policies).toContainEqual(expect.objectContaining({ spec: { podSelector: {}, policyTypes: ['Ingress'] } }));
    for (const service of of('Service')) expect(['ClusterIP', 'ExternalName', undefined]).toContain(service.spec.type);
    const ingresses = [...docs.values()].flat().filter((d) => d.kind === 'Ingress');
    type Rule = { http: { paths: Array<{ backend: { service: unknown } }> } };
    const backends = ingresses.flatMap((i) => (i.spec.rules as Rule[]).flatMap((r) => r.http.paths.map((p) => p.backend.service)));
    expect(backends).toEqual([{ name: 'portal-api', port: { name: 'http' } }]);
    expect(of('HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name)).toEqual(['portal-api']);
    expect(of('HorizontalPodAutoscaler')[0].spec.minReplicas).toBeGreaterThanOrEqual(2);
    const deploymentLabels = of('Deployment').map((d) => d.spec.template.metadata.labels['app.kubernetes.io/name']);
    expect(of('PodDisruptionBudget').map((p) => p.spec.selector.matchLabels['app.kubernetes.io/name']).sort()).toEqual(deploymentLabels.sort());
    expect(of('Service').filter((s) => s.spec.type === 'ExternalName').map((s) => s.metadata.name).sort()).toEqual(['postgres', 'redis', 'smtp']);
    expect(new URL(config.data!.DATABASE_URL).hostname).toBe('postgres');
    expect(new URL(config.data!.DATABASE_URL).username).toBe('portal_app');
  });

  it('passes libs/config’s validation in production with the ConfigMap, secrets read from their files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portal-k8s-'));
    try {
      const parsed = validateConfig(withSimulatedSecretFiles(config.data!, dir));
      expect(parsed).toMatchObject({ isProduction: true, METRICS_PORT: 9464, STORAGE_DIR: '/var/lib/portal/documents' });
      expect(parsed.METRICS_TOKEN).toBe('s3cr3t-'.repeat(6));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe.each(['base', 'overlays/production'])('rendered by kustomize: k8s/%s', (folder) => {
    const rendered = parseAllDocuments(execFileSync('kubectl', ['kustomize', join(ROOT, 'k8s', folder)], { encoding: 'utf8' })).map((doc) => doc.toJS() as K8sDoc);

    it('renders objects that each pass the Kubernetes schema of their kind', () => {
      expect(rendered.length).toBeGreaterThanOrEqual(base.length);
      for (const object of rendered) {
        const group = object.apiVersion.includes('/') ? object.apiVersion : `${object.apiVersion}`;
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module of the object's API group, chosen at run time
        const models = require(`kubernetes-models/${group}`) as Record<string, new (data: unknown) => { validate(): void }>;
        const Model = models[object.kind];
        expect({ kind: `${object.apiVersion} ${object.kind}`, known: typeof Model }).toEqual({ kind: `${object.apiVersion} ${object.kind}`, known: 'function' });
        expect(() => new Model(object).validate()).not.toThrow();
      }
    });

    if (folder === 'overlays/production') {
      it('applies the production overlay: namespace, registry image, three API replicas at least', () => {
        expect(new Set(rendered.map((o) => (o.metadata as { namespace?: string }).namespace))).toEqual(new Set(['portal']));
        const images = rendered.filter((o) => o.kind === 'Deployment' || o.kind === 'Job').flatMap((o) => (o.spec.template.spec.containers as Container[]).map((c) => (c as { image?: string }).image));
        expect(new Set(images)).toEqual(new Set(['registry.example.nc/province-sud/portal:1.0.0']));
        expect(rendered.find((o) => o.kind === 'Deployment' && o.metadata.name === 'portal-api')!.spec.replicas).toBe(3);
        expect(rendered.find((o) => o.kind === 'HorizontalPodAutoscaler')!.spec).toMatchObject({ minReplicas: 3, maxReplicas: 10 });
      });
    }

    it('refuses a broken object (the check is not vacuous)', () => {
      const deployment = structuredClone(rendered.find((o) => o.kind === 'Deployment')!);
      deployment.spec.replicas = 'trois';
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Deployment } = require('kubernetes-models/apps/v1') as { Deployment: new (data: unknown) => { validate(): void } };
      expect(() => new Deployment(deployment).validate()).toThrow(/replicas must be integer/);
    });
  });
});
