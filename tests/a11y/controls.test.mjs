// Font-size and contrast controls: effect on computed styles, persistence across pages.
import { it } from 'node:test';
import { openContext, recordForeignRequests } from './lib/browser.mjs';
import { checkContrastControl, checkFontControls, checkPrefersContrast } from './lib/controls.mjs';
import { assertNone, describeSites, useBrowser } from './lib/suite.mjs';

const browser = useBrowser();

/** Run `check(context)` in a fresh context and fail on its problems or on foreign requests. */
async function inFreshContext(header, options, check) {
  const context = await openContext(browser(), options);
  try {
    const foreign = recordForeignRequests(context);
    assertNone(header, await check(context), foreign);
  } finally {
    await context.close();
  }
}

describeSites('controls', (site, server) => {
  const home = () => server.url(site.home?.path ?? '/');
  const other = () => server.url(site.other?.path ?? '/');

  it(`A+ enlarges main (≥ 5 steps to 200%), persists on ${site.other?.path}, A resets`, () =>
    inFreshContext(`${site.name}: font size`, {}, (ctx) => checkFontControls(ctx, home(), other())));

  it(`contrast changes body colours, flips aria-pressed, persists on ${site.other?.path}`, () =>
    inFreshContext(`${site.name}: contrast`, {}, (ctx) => checkContrastControl(ctx, home(), other())));

  it('prefers-contrast: more turns high contrast on at the first visit', () =>
    inFreshContext(`${site.name}: prefers-contrast`, { prefersContrast: 'more' }, (ctx) =>
      checkPrefersContrast(ctx, home()),
    ));
});
