// Reflow (WCAG 1.4.10) and text resize (1.4.4): every page, no horizontal scrolling at
// 320 CSS px (= 1280 px at 400% zoom), at 640 CSS px (= 200% zoom), and at 320 px with the
// site's own A+ control at its largest step (200% text). Content that may scroll by design
// (data tables) is allowed to scroll inside its own box, never the page.
import { after, before, describe, it } from 'node:test';
import { openContext } from './lib/browser.mjs';
import { PAGE_CONCURRENCY } from './lib/config.mjs';
import { assertNone, describeSites, useBrowser } from './lib/suite.mjs';

const browser = useBrowser();

const CASES = [
  { name: '320px (zoom 400%)', width: 320, font: null },
  { name: '640px (zoom 200%)', width: 640, font: null },
  { name: '320px, texto 200% (A+ ×5)', width: 320, font: '5' },
];

/** Page-level horizontal overflow and the elements that stick out of the viewport. */
async function overflow(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const width = doc.clientWidth;
    if (doc.scrollWidth <= width + 1) return [];
    const culprits = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && r.width > 0) {
        culprits.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''} (right ${Math.round(r.right)} > ${width})`);
      }
      if (culprits.length >= 5) break;
    }
    return [`page scrolls horizontally: scrollWidth ${doc.scrollWidth} > ${width}`, ...culprits];
  });
}

describeSites('reflow', (site, server) => {
  for (const c of CASES) {
    describe(c.name, { concurrency: PAGE_CONCURRENCY }, () => {
      let context;
      before(async () => {
        context = await openContext(browser(), { width: c.width });
        if (c.font) {
          await context.addInitScript((level) => {
            try {
              localStorage.setItem('secretaria.fonte', level);
            } catch {}
          }, c.font);
        }
      });
      after(async () => {
        await context?.close();
      });
      for (const p of site.pages) {
        it(p.path, { timeout: 60_000 }, async () => {
          const page = await context.newPage();
          try {
            await page.goto(server.url(p.path), { waitUntil: 'load' });
            assertNone(`${site.name}${p.path} @ ${c.name}`, await overflow(page));
          } finally {
            await page.close();
          }
        });
      }
    });
  }
});
