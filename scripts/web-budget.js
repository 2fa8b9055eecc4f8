#!/usr/bin/env node
// Run by `npm run build` after `vite build`: the web app's first visit must stay light for residents
// on slow links. Sums the gzip size of the entry chunk and everything it imports statically (Vite's
// manifest), fails above the budget, and fails if index.html carries an inline script (CSP
// `script-src 'self'`). Plain JavaScript, Node built-ins only.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const BUDGET_BYTES = 150 * 1024;
const WEB_DIR = path.resolve(__dirname, '..', 'dist', 'web');

function fail(message) {
  process.stderr.write(`[web-budget] error: ${message}\n`);
  process.exit(1);
}

const manifestFile = path.join(WEB_DIR, '.vite', 'manifest.json');
if (!fs.existsSync(manifestFile)) fail(`${path.relative(process.cwd(), manifestFile)} is missing: run vite build first`);
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (entries.length !== 1) fail(`expected one entry chunk, found ${entries.length}`);

// The entry and its static imports, transitively: what the browser loads before the first page shows.
const files = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit(entries[0][0]);

let total = 0;
const lines = [];
for (const file of files) {
  const gzipped = zlib.gzipSync(fs.readFileSync(path.join(WEB_DIR, file)), { level: 9 }).length;
  total += gzipped;
  lines.push(`  ${file}: ${(gzipped / 1024).toFixed(1)} KB`);
}
const figure = `${(total / 1024).toFixed(1)} KB gzip of JavaScript on first visit (budget ${BUDGET_BYTES / 1024} KB)`;
process.stdout.write(`[web-budget] ${figure}\n${lines.join('\n')}\n`);
if (total > BUDGET_BYTES) fail(`over budget: ${figure}`);

const html = fs.readFileSync(path.join(WEB_DIR, 'index.html'), 'utf8');
const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(([, attributes, body]) => !/\bsrc=/.test(attributes) || body.trim() !== '');
if (inline.length > 0) fail('index.html has an inline script: the CSP (script-src \'self\') would block it');
if (/\sstyle=/.test(html)) fail('index.html has an inline style attribute');
