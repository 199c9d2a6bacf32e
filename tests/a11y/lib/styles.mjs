// Computed styles the control checks compare.
import { CONTRAST_CLASS } from './config.mjs';

/** Computed font-size of <main>, in px (NaN when there is no main). */
export function mainFontSize(page) {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    return main ? parseFloat(getComputedStyle(main).fontSize) : NaN;
  });
}

/** Body colours, whether <html> has the contrast class, and the toggle's aria-pressed. */
export function contrastState(page) {
  return page.evaluate((cls) => {
    const body = getComputedStyle(document.body);
    return {
      background: body.backgroundColor,
      color: body.color,
      on: document.documentElement.classList.contains(cls),
      pressed: document.getElementById('alto-contraste')?.getAttribute('aria-pressed') ?? null,
    };
  }, CONTRAST_CLASS);
}

export const sameColours = (a, b) => a.background === b.background && a.color === b.color;
export const colours = (s) => `background ${s.background}, color ${s.color}`;
