#!/usr/bin/env node
// Run by `npm run web:build`: writes .gz and .br beside each text file of dist/web, which the API
// serves as they are (@fastify/static preCompressed), so nothing is compressed per request.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const WEB_DIR = path.resolve(__dirname, '..', 'dist', 'web');
const TEXT = /\.(js|css|html|svg|json)$/;

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (TEXT.test(entry.name)) yield full;
  }
}

for (const file of files(WEB_DIR)) {
  const content = fs.readFileSync(file);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
}
