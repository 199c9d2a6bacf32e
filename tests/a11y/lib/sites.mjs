// Which built sites the suite audits: A11Y_SITES (colon-separated folders, relative to the
// current directory), else the repository's public/ if it was built; plus, always, the
// accessible sample site that proves the harness can pass.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SITE, SAMPLE_SITE } from './config.mjs';
import { loadSite } from './pages.mjs';

function displayName(dir) {
  const rel = path.relative(process.cwd(), dir);
  return rel && !rel.startsWith('..') ? rel : dir;
}

/**
 * Returns { sites, errors, notes }: loaded sites, folders that were asked for but cannot be
 * audited (each must become a failing test), and informational notes (skipped defaults).
 */
export function sitesUnderTest(env = process.env) {
  const notes = [];
  let dirs;
  if (env.A11Y_SITES?.trim()) {
    dirs = env.A11Y_SITES.split(':').filter(Boolean).map((d) => path.resolve(d));
  } else if (existsSync(path.join(DEFAULT_SITE, 'index.html'))) {
    dirs = [DEFAULT_SITE];
  } else {
    dirs = [];
    notes.push(`${displayName(DEFAULT_SITE)} not built and A11Y_SITES unset: only the sample site is audited`);
  }
  dirs = [...new Set([...dirs, SAMPLE_SITE])];

  const sites = [];
  const errors = [];
  for (const dir of dirs) {
    const name = displayName(dir);
    try {
      sites.push(loadSite(dir, name));
    } catch (error) {
      errors.push({ name, message: error.message });
    }
  }
  return { sites, errors, notes };
}
