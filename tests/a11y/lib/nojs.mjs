// Without JavaScript: the skip link still works and the controls are not shown.
import { CONTROL_IDS, MAIN_ID } from './config.mjs';
import { checkSkipLinkFirst } from './keyboard.mjs';
import { focusInfo, poll } from './keys.mjs';

/** `page` must belong to a context made with javaScript: false. Returns a list of problems. */
export async function checkWithoutJs(page, url) {
  const problems = await checkSkipLinkFirst(page, url);
  if (problems.length === 0) {
    await page.keyboard.press('Enter');
    const hash = await poll(() => page.evaluate(() => location.hash), (h) => h === `#${MAIN_ID}`);
    if (hash !== `#${MAIN_ID}`) problems.push(`Enter on the skip link left the URL hash at "${hash}"`);
    await page.keyboard.press('Tab');
    const next = await focusInfo(page);
    if (next.where !== 'in main' && next.where !== 'after main') {
      problems.push(`after the skip link, Tab went to ${next.label} (${next.where}), not into the content`);
    }
  }
  await page.goto(url);
  for (const id of CONTROL_IDS) {
    const control = page.locator(`#${id}`);
    if ((await control.count()) > 0 && (await control.isVisible())) {
      problems.push(`#${id} is visible without JavaScript (it cannot work)`);
    }
  }
  return problems;
}
