// Without JavaScript: the skip link still works and the controls are hidden.
import { it } from 'node:test';
import { openContext, recordForeignRequests } from './lib/browser.mjs';
import { checkWithoutJs } from './lib/nojs.mjs';
import { assertNone, describeSites, useBrowser } from './lib/suite.mjs';

const browser = useBrowser();

describeSites('without JavaScript', (site, server) => {
  it('the skip link works and the controls are not shown', async () => {
    const context = await openContext(browser(), { javaScript: false });
    try {
      const foreign = recordForeignRequests(context);
      const page = await context.newPage();
      assertNone(`${site.name}: without JavaScript`, await checkWithoutJs(page, server.url(site.home?.path ?? '/')), foreign);
    } finally {
      await context.close();
    }
  });
});
