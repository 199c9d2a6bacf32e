// The theme's search script as published: themes/default/src/busca.js minified with terser
// (pinned in package.json), under a header that names its source and the source's FNV-1a
// 64-bit hash. `scripts/minify-js.mjs` writes it to themes/default/static/js/busca.js; the
// browser suite (search.test.mjs) checks that the committed file is exactly this, and
// `cargo test` that its header names the current source (src/render/theme.rs).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SOURCE = 'themes/default/src/busca.js';
export const OUTPUT = 'themes/default/static/js/busca.js';

/** FNV-1a, 64 bits, of `bytes`, as 16 hex digits (the same as `theme::fnv1a64` in Rust). */
export function fnv1a64(bytes) {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/** The published bytes of the search script, made from its source now. */
export async function minified() {
  const source = readFileSync(path.join(root, SOURCE));
  const header =
    `/* secretaria: the search page's script, minified from ${SOURCE} ` +
    `(fnv1a64 ${fnv1a64(source)}) by scripts/minify-js.mjs. Edit the source, then run it. */`;
  const out = await minify(source.toString('utf8'), {
    ecma: 2015,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false, preamble: header },
  });
  return `${out.code}\n`;
}

export function outputPath() {
  return path.join(root, OUTPUT);
}
