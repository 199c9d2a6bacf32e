// axe-core on every page of every site: 375 px and 1280 px, normal and high contrast.
// Zero violations, and no request may leave 127.0.0.1.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { auditPage, formatViolations } from './lib/audit.mjs';
import { formatForeign, openContext } from './lib/browser.mjs';
import { MODES, PAGE_CONCURRENCY, WIDTHS } from './lib/config.mjs';
import { describeSites, useBrowser } from './lib/suite.mjs';

const browser = useBrowser();

describeSites('axe', (site, server) => {
  for (const width of WIDTHS) {
    for (const mode of MODES) {
      const contrast = mode === 'alto-contraste';
      describe(`${width}px ${mode}`, { concurrency: PAGE_CONCURRENCY }, () => {
        let context;
        before(async () => {
          context = await openContext(browser(), { width, contrast });
        });
        after(async () => {
          await context?.close();
        });
        for (const page of site.pages) {
          it(page.path, { timeout: 120_000 }, async () => {
            const url = server.url(page.path);
            const { violations, foreign, problems } = await auditPage(context, url, { contrast });
            const report = [
              ...problems.map((p) => `${page.path}: ${p}`),
              violations.length ? formatViolations(`${site.name}${page.path} @${width}px ${mode} (${url})`, violations) : '',
              formatForeign(foreign),
            ].filter(Boolean);
            if (report.length) assert.fail(report.join('\n'));
          });
        }
      });
    }
  }
}, { showNotes: true });
