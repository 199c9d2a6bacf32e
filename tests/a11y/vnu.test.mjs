// The Nu Html Checker on every page of every site, one JVM per site: zero errors.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeSites } from './lib/suite.mjs';
import { formatMessages, validate } from './lib/vnu.mjs';

describeSites('Nu Html Checker', (site) => {
  it(`${site.pages.length} page(s), zero errors`, { timeout: 15 * 60_000 }, async () => {
    const messages = await validate(site.pages.map((p) => p.file));
    if (messages.length) {
      assert.fail(`${site.name}: ${messages.length} validator error(s)\n${formatMessages(messages, site.dir)}`);
    }
  });
});
