#!/usr/bin/env node
// Writes themes/default/static/js/busca.js (what the site publishes) from the readable
// themes/default/src/busca.js, minified with the terser pinned in tests/a11y/package.json.
// Run after editing the source (scripts/install-test-deps.sh installs terser):
//   node scripts/minify-js.mjs
// The build never runs Node: the minified file is committed, and the tests check it is the
// source's (cargo test: the hash in its header; the browser suite: the same bytes).
import { writeFileSync } from 'node:fs';
import { minified, outputPath } from '../tests/a11y/lib/minify.mjs';

const code = await minified();
writeFileSync(outputPath(), code);
console.error(`${outputPath()}: ${code.length} bytes`);
