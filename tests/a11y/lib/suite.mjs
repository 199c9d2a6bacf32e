// Test scaffolding shared by the test files: one browser per file, one server per site,
// failing tests for sites that cannot be audited, readable failures.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, formatForeign } from './browser.mjs';
import { serve } from './server.mjs';
import { sitesUnderTest } from './sites.mjs';

/** Registers before/after hooks for one shared browser; returns a getter. */
export function useBrowser() {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}

/**
 * describe() once per site under test, with the site served on 127.0.0.1 during its tests.
 * `body(site, server)` defines tests; server.url(path) works inside them. With `showNotes`,
 * notes (e.g. "public/ not built") appear as skipped tests; `headers` are sent with every
 * response of the site's server.
 */
export function describeSites(title, body, { showNotes = false, headers = {} } = {}) {
  const { sites, errors, notes } = sitesUnderTest();
  if (showNotes) for (const note of notes) test(`${title}: ${note}`, { skip: note }, () => {});
  for (const { name, message } of errors) test(`${title}: ${name}`, () => assert.fail(message));
  for (const site of sites) {
    describe(`${title}: ${site.name}`, () => {
      let running;
      const server = { url: (path) => running.url(path), origin: () => running.origin };
      before(async () => {
        running = await serve(site.dir, { headers });
      });
      after(async () => {
        await running?.close();
      });
      body(site, server);
    });
  }
}

/** Fail with a header and one line per problem (and per foreign request), or pass. */
export function assertNone(header, problems, foreign = []) {
  const network = formatForeign(foreign);
  if (problems.length === 0 && !network) return;
  const lines = [header, ...problems.map((p) => `  - ${p}`)];
  if (network) lines.push(network);
  assert.fail(lines.join('\n'));
}
