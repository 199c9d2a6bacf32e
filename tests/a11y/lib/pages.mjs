// Discover the HTML pages of a built site folder and the URL path each is served at.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every *.html file under root (symlinked folders are not followed), as sorted POSIX paths. */
export function findPages(root) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if ((entry.isFile() || entry.isSymbolicLink()) && /\.html?$/i.test(entry.name)) {
        found.push(path.relative(root, full).split(path.sep).join('/'));
      }
    }
  };
  walk(root);
  return found.sort(byUrlPath);
}

/** 'index.html' → '/', 'a/index.html' → '/a/', 'a/b.html' → '/a/b.html' (percent-encoded). */
export function urlPathOf(relFile) {
  const encoded = relFile.split('/').map(encodeURIComponent).join('/');
  if (encoded === 'index.html') return '/';
  if (encoded.endsWith('/index.html')) return '/' + encoded.slice(0, -'index.html'.length);
  return '/' + encoded;
}

function byUrlPath(a, b) {
  const pa = urlPathOf(a);
  const pb = urlPathOf(b);
  return pa.split('/').length - pb.split('/').length || pa.localeCompare(pb);
}

/**
 * A site folder as the tests see it: { name, dir, pages: [{ file, rel, path }], home, other }.
 * `home` is the root index.html; `other` is another page (for persistence checks), or home.
 * Throws with a readable message when the folder is missing or has no pages.
 */
export function loadSite(dir, name = dir) {
  let info;
  try {
    info = statSync(dir);
  } catch {
    throw new Error(`site folder ${name} does not exist (${dir})`);
  }
  if (!info.isDirectory()) throw new Error(`site ${name} is not a folder (${dir})`);
  const pages = findPages(dir).map((rel) => ({ rel, file: path.join(dir, rel), path: urlPathOf(rel) }));
  if (pages.length === 0) throw new Error(`site folder ${name} has no .html pages (${dir})`);
  const home = pages.find((p) => p.rel === 'index.html') ?? null;
  const other = pages.find((p) => p !== home && p.rel.endsWith('index.html')) ?? pages.find((p) => p !== home) ?? home;
  return { name, dir, pages, home, other };
}
