#!/usr/bin/env node
// `npm start`: the one command that runs the portal from a fresh clone.
// Installs dependencies when needed, builds when sources changed, then hands over to the launcher
// (dist/scripts/launch.js), which picks PostgreSQL / Redis / SMTP and runs the API and the worker.
//
// Plain JavaScript, Node built-ins only: it runs before node_modules exists.
// Environment: PORTAL_SKIP_INSTALL=1 skips the install check; PORTAL_FORCE_BUILD=1 always rebuilds.
'use strict';

const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const NODE_MODULES = path.join(ROOT, 'node_modules');
const LOCKFILE = path.join(ROOT, 'package-lock.json');
const INSTALL_STAMP = path.join(NODE_MODULES, '.portal-install-stamp');
const DIST = path.join(ROOT, 'dist');
const BUILD_STAMP = path.join(DIST, '.portal-build-stamp');
const LAUNCHER = path.join(DIST, 'scripts', 'launch.js');

// What `nest build --all` and the web app's build read (apps/ holds apps/web: its sources, index.html,
// vite config). Unit specs and test/ are not built, so editing them does not rebuild.
const BUILD_INPUT_DIRS = ['apps', 'libs', 'migrations', 'scripts'];
const BUILD_INPUT_FILES = ['package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];
const MIN_NODE_MAJOR = 20;

function log(message) {
  process.stdout.write(`[start] ${message}\n`);
}

function fail(message, code = 1) {
  process.stderr.write(`[start] error: ${message}\n`);
  process.exit(code);
}

function checkNodeVersion() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < MIN_NODE_MAJOR) fail(`Node ${MIN_NODE_MAJOR} or newer is required (this is ${process.version})`);
}

function sha256(...parts) {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

function readOrEmpty(file) {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Why dependencies must be (re)installed, or null when node_modules matches package-lock.json. */
function installReason(lockHash) {
  if (!fs.existsSync(NODE_MODULES)) return 'node_modules is missing';
  const stamp = readOrEmpty(INSTALL_STAMP);
  if (stamp) return stamp === lockHash ? null : 'package-lock.json changed since the last install';
  // Installed by hand (npm install / npm ci): trust it unless the lockfile is newer than npm's own record.
  const npmRecord = path.join(NODE_MODULES, '.package-lock.json');
  if (fs.existsSync(npmRecord) && fs.statSync(npmRecord).mtimeMs >= fs.statSync(LOCKFILE).mtimeMs) {
    fs.writeFileSync(INSTALL_STAMP, `${lockHash}\n`);
    return null;
  }
  return 'node_modules may not match package-lock.json';
}

function ensureDependencies() {
  if (process.env.PORTAL_SKIP_INSTALL === '1') return;
  if (!fs.existsSync(LOCKFILE)) fail('package-lock.json is missing');
  const lockHash = sha256(fs.readFileSync(LOCKFILE));
  const reason = installReason(lockHash);
  if (!reason) return;
  log(`${reason}: running npm ci`);
  // Dev dependencies are needed to build (Nest CLI, TypeScript), even when NODE_ENV=production.
  const result = spawnSync('npm', ['ci', '--include=dev', '--no-audit', '--no-fund'], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.error) fail(`could not run npm: ${result.error.message}`);
  if (result.status !== 0) fail(`npm ci failed (exit code ${result.status})`, result.status || 1);
  fs.writeFileSync(INSTALL_STAMP, `${lockHash}\n`);
}

/** Every build input with its size and mtime: any edit, addition or deletion changes the fingerprint. */
function buildFingerprint() {
  const entries = [];
  const visit = (relative) => {
    const absolute = path.join(ROOT, relative);
    let stat;
    try {
      stat = fs.statSync(absolute);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(absolute).sort()) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        visit(path.join(relative, name));
      }
    } else if (!relative.endsWith('.spec.ts')) {
      entries.push(`${relative}\t${stat.size}\t${stat.mtimeMs}`);
    }
  };
  for (const input of [...BUILD_INPUT_DIRS, ...BUILD_INPUT_FILES]) visit(input);
  return sha256(process.version, '\n', entries.join('\n'));
}

function ensureBuild() {
  // Taken before building: a file edited during the build makes the next start rebuild.
  const fingerprint = buildFingerprint();
  const upToDate =
    process.env.PORTAL_FORCE_BUILD !== '1' && fs.existsSync(LAUNCHER) && readOrEmpty(BUILD_STAMP) === fingerprint;
  if (upToDate) {
    log('dist/ is up to date');
    return;
  }
  log('building: nest build --all');
  let nestCli;
  try {
    nestCli = require.resolve('@nestjs/cli/bin/nest.js', { paths: [ROOT] });
  } catch {
    fail('the Nest CLI is not installed: run npm ci (or unset PORTAL_SKIP_INSTALL)');
  }
  const result = spawnSync(process.execPath, [nestCli, 'build', '--all'], { cwd: ROOT, stdio: 'inherit' });
  if (result.error) fail(`could not run the build: ${result.error.message}`);
  if (result.status !== 0) fail(`the build failed (exit code ${result.status})`, result.status || 1);
  buildWebApp();
  if (!fs.existsSync(LAUNCHER)) fail(`the build did not produce ${path.relative(ROOT, LAUNCHER)}`);
  fs.writeFileSync(BUILD_STAMP, `${fingerprint}\n`);
}

/** The web app into dist/web (after nest build, which empties dist/): what `npm run web:build` runs. */
function buildWebApp() {
  log('building the web app: vite build apps/web');
  const vite = require.resolve('vite/bin/vite.js', { paths: [ROOT] });
  const steps = [
    [vite, 'build', 'apps/web', '--logLevel', 'warn'],
    [path.join(ROOT, 'scripts', 'web-budget.js')],
    [path.join(ROOT, 'scripts', 'web-compress.js')],
  ];
  for (const args of steps) {
    const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    if (result.error) fail(`could not build the web app: ${result.error.message}`);
    if (result.status !== 0) fail(`the web app build failed (exit code ${result.status})`, result.status || 1);
  }
}

function main() {
  checkNodeVersion();
  process.chdir(ROOT);
  ensureDependencies();
  ensureBuild();
  // Same process rather than a child: signals and the exit code need no forwarding, and a terminal
  // Ctrl-C is not delivered to two launchers. run() exits with the launcher's exit code.
  require(LAUNCHER).run();
}

main();
