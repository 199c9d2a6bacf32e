// Keyboard on each site's home page: skip link first, Alt+1 to main, controls by Tab/Enter/Space.
import { after, before, it } from 'node:test';
import { openContext, recordForeignRequests } from './lib/browser.mjs';
import { checkAccessKeys, checkControlsByKeyboard, checkSkipLinkFirst } from './lib/keyboard.mjs';
import { assertNone, describeSites, useBrowser } from './lib/suite.mjs';

const browser = useBrowser();

describeSites('keyboard', (site, server) => {
  let context;
  let page;
  let foreign;
  before(async () => {
    context = await openContext(browser());
    foreign = recordForeignRequests(context);
    page = await context.newPage();
  });
  after(async () => {
    await context?.close();
  });
  const home = () => server.url(site.home?.path ?? '/');

  it('the first Tab focuses "Ir para o conteúdo" (#conteudo)', async () => {
    assertNone(`${site.name}: skip link`, await checkSkipLinkFirst(page, home()), foreign);
  });

  it('Alt+1 moves focus to <main id="conteudo">; other access keys reach their targets', async (t) => {
    const { problems, notes } = await checkAccessKeys(page, home());
    for (const note of notes) t.diagnostic(note);
    assertNone(`${site.name}: access keys`, problems, foreign);
  });

  it('A+, A-, A and contrast are reachable by Tab and work with Enter and Space', async () => {
    assertNone(`${site.name}: controls by keyboard`, await checkControlsByKeyboard(page, home()), foreign);
  });
});
