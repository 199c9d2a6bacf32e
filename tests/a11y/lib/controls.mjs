// The font-size and contrast controls: effect, persistence across pages, aria-pressed.
// Each check takes a fresh context (empty localStorage) and returns a list of problems.
import { CONTRAST_CLASS } from './config.mjs';
import { poll } from './keys.mjs';
import { colours, contrastState, mainFontSize, sameColours } from './styles.mjs';

const MAX_STEPS = 10;

/** Problems for controls that are missing or hidden on the loaded page (clicking them would hang). */
async function unusable(page, ids) {
  const problems = [];
  for (const id of ids) {
    const control = page.locator(`#${id}`);
    if ((await control.count()) === 0) problems.push(`no #${id} on ${page.url()}`);
    else if (!(await control.isVisible())) problems.push(`#${id} is not visible on ${page.url()}`);
  }
  return problems;
}

/** A+ grows main's text, in ≥ 5 steps up to ≥ 200%; the size persists across pages; A resets. */
export async function checkFontControls(context, homeUrl, otherUrl) {
  const problems = [];
  const page = await context.newPage();
  try {
    await page.goto(otherUrl);
    const otherBase = await mainFontSize(page);
    await page.goto(homeUrl);
    const base = await mainFontSize(page);
    if (Number.isNaN(base) || Number.isNaN(otherBase)) return ['no <main> to measure'];
    const missing = await unusable(page, ['aumentar-fonte', 'diminuir-fonte', 'fonte-normal']);
    if (missing.length) return missing;

    await page.click('#aumentar-fonte');
    const bigger = await poll(() => mainFontSize(page), (v) => v > base);
    if (!(bigger > base)) return [`A+ did not increase main font-size (${base}px → ${bigger}px)`];

    await page.goto(otherUrl);
    const otherBigger = await mainFontSize(page);
    if (!(otherBigger > otherBase)) {
      problems.push(`font size did not persist: ${otherUrl} main is ${otherBigger}px after A+, ${otherBase}px before`);
    }

    await page.goto(homeUrl);
    const sizes = [base, await mainFontSize(page)];
    for (let i = 1; i < MAX_STEPS; i++) {
      await page.click('#aumentar-fonte');
      const prev = sizes.at(-1);
      const v = await poll(() => mainFontSize(page), (x) => x > prev, 300);
      if (!(v > prev)) break;
      sizes.push(v);
    }
    const steps = sizes.length - 1;
    const max = sizes.at(-1);
    if (steps < 5) problems.push(`A+ gave only ${steps} step(s) (${sizes.join(' → ')} px); need at least 5`);
    if (max < 2 * base - 0.5) problems.push(`A+ stops at ${max}px, below 200% of ${base}px`);

    await page.click('#diminuir-fonte');
    const smaller = await poll(() => mainFontSize(page), (v) => v < max);
    if (!(smaller < max)) problems.push(`A- did not decrease main font-size (${max}px → ${smaller}px)`);

    await page.click('#fonte-normal');
    const reset = await poll(() => mainFontSize(page), (v) => Math.abs(v - base) < 0.01);
    if (Math.abs(reset - base) >= 0.01) problems.push(`A (normal) gave ${reset}px, expected ${base}px`);
    await page.goto(otherUrl);
    const otherReset = await mainFontSize(page);
    if (Math.abs(otherReset - otherBase) >= 0.01) {
      problems.push(`reset did not persist: ${otherUrl} main is ${otherReset}px, expected ${otherBase}px`);
    }
    return problems;
  } finally {
    await page.close();
  }
}

/** The contrast toggle changes body colours, flips aria-pressed, and persists across pages. */
export async function checkContrastControl(context, homeUrl, otherUrl) {
  const problems = [];
  const page = await context.newPage();
  const expectState = (where, s, want) => {
    if (s.on !== want) problems.push(`${where}: <html> ${want ? 'lacks' : 'still has'} class "${CONTRAST_CLASS}"`);
    if (s.pressed !== String(want)) problems.push(`${where}: #alto-contraste aria-pressed=${s.pressed}, expected ${want}`);
  };
  try {
    await page.goto(otherUrl);
    const otherNormal = await contrastState(page);
    await page.goto(homeUrl);
    const normal = await contrastState(page);
    const missing = await unusable(page, ['alto-contraste']);
    if (missing.length) return missing;
    expectState('first visit', normal, false);

    await page.click('#alto-contraste');
    const high = await poll(() => contrastState(page), (s) => s.on && !sameColours(s, normal));
    expectState('after clicking #alto-contraste', high, true);
    if (sameColours(high, normal)) problems.push(`contrast did not change body colours (${colours(normal)})`);

    await page.goto(otherUrl);
    const otherHigh = await contrastState(page);
    expectState(`${otherUrl} after navigating`, otherHigh, true);
    if (sameColours(otherHigh, otherNormal)) {
      problems.push(`contrast did not persist: ${otherUrl} body still ${colours(otherNormal)}`);
    }

    await page.click('#alto-contraste');
    const off = await poll(() => contrastState(page), (s) => !s.on && sameColours(s, otherNormal));
    expectState('after clicking #alto-contraste again', off, false);
    if (!sameColours(off, otherNormal)) problems.push(`turning contrast off left ${colours(off)}, expected ${colours(otherNormal)}`);

    await page.goto(homeUrl);
    expectState(`${homeUrl} after turning contrast off`, await contrastState(page), false);
    return problems;
  } finally {
    await page.close();
  }
}

/** On a first visit with `prefers-contrast: more`, high contrast is on (context made with contrast: 'more'). */
export async function checkPrefersContrast(context, homeUrl) {
  const page = await context.newPage();
  try {
    await page.goto(homeUrl);
    const s = await contrastState(page);
    return s.on ? [] : [`prefers-contrast: more did not turn high contrast on (<html> lacks "${CONTRAST_CLASS}")`];
  } finally {
    await page.close();
  }
}
