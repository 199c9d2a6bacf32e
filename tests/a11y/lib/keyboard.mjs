// Keyboard checks on a home page: skip link first, access keys, controls by Tab/Enter/Space.
// Each check returns a list of problems (empty = pass), so the self-test can see them fail.
import { CONTRAST_CLASS, CONTROL_IDS, MAIN_ID, SKIP_LINK_TEXT } from './config.mjs';
import { focusInfo, poll, pressAccessKey } from './keys.mjs';
import { mainFontSize } from './styles.mjs';

const MAX_TABS = 80;

/** The first Tab from a fresh load focuses the "Ir para o conteúdo" link to #conteudo. */
export async function checkSkipLinkFirst(page, url) {
  await page.goto(url);
  await page.keyboard.press('Tab');
  const f = await focusInfo(page);
  const problems = [];
  if (f.tag !== 'a' || !f.text.startsWith(SKIP_LINK_TEXT) || f.href !== `#${MAIN_ID}`) {
    problems.push(`first Tab focused ${f.label} (href ${f.href}); expected <a href="#${MAIN_ID}"> "${SKIP_LINK_TEXT}"`);
  }
  return problems;
}

/**
 * Alt+1 moves focus to <main id="conteudo"> (or at least navigates to #conteudo); every other
 * access key on an in-page link moves to its target. Returns { problems, notes }.
 */
export async function checkAccessKeys(page, url) {
  await page.goto(url);
  const problems = [];
  const notes = [];
  const keys = await page.evaluate(() =>
    [...document.querySelectorAll('[accesskey]')].map((el) => ({
      key: el.getAttribute('accesskey'),
      href: el.getAttribute('href'),
    })),
  );
  const isMain = await page.evaluate((id) => document.getElementById(id)?.tagName === 'MAIN', MAIN_ID);
  if (!isMain) problems.push(`no <main id="${MAIN_ID}"> on the page`);
  if (!keys.some((k) => k.key === '1' && k.href === `#${MAIN_ID}`)) {
    problems.push(`no link with accesskey="1" and href="#${MAIN_ID}"`);
  }
  for (const { key, href } of keys) {
    if (!href?.startsWith('#') || key.length !== 1) continue;
    const target = href.slice(1);
    await page.goto(url);
    await pressAccessKey(page, key);
    const state = () =>
      page.evaluate((id) => ({ focused: document.activeElement?.id === id, hash: location.hash === `#${id}` }), target);
    const got = await poll(state, (s) => s.focused || s.hash);
    if (!got.focused && !got.hash) {
      const f = await focusInfo(page);
      problems.push(`Alt+${key} did not reach #${target} (focus on ${f.label}, hash unchanged)`);
    } else {
      notes.push(`Alt+${key} → #${target}: ${got.focused ? 'focused' : 'URL hash only, not focused'}`);
    }
  }
  return { problems, notes };
}

/** Tab from a fresh load; returns the ordered list of focus stops (with wrap-around detection). */
export async function tabStops(page, url, max = MAX_TABS) {
  await page.goto(url);
  const stops = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focusInfo(page);
    if (i > 0 && f.tag === stops[0].tag && f.id === stops[0].id && f.text === stops[0].text) break;
    stops.push(f);
  }
  return stops;
}

/** The four controls are reachable by Tab, before the content, and work with Enter and Space. */
export async function checkControlsByKeyboard(page, url) {
  const problems = [];
  const stops = await tabStops(page, url);
  const firstInMain = stops.findIndex((s) => s.where === 'in main');
  for (const id of CONTROL_IDS) {
    const at = stops.findIndex((s) => s.id === id);
    if (at < 0) problems.push(`#${id} is not reachable with Tab (${stops.length} stops tried)`);
    else if (firstInMain >= 0 && at > firstInMain) problems.push(`#${id} comes after the content in the Tab order`);
  }
  if (problems.length) return problems;

  await page.goto(url);
  const size = () => mainFontSize(page);
  const base = await size();
  const press = async (id, key) => {
    await page.focus(`#${id}`);
    await page.keyboard.press(key);
  };
  const expectSize = async (what, ok, describe) => {
    const got = await poll(size, ok);
    if (!ok(got)) problems.push(`${what}: main font-size ${got}px, expected ${describe}`);
    return got;
  };

  await press('aumentar-fonte', 'Enter');
  const s1 = await expectSize('Enter on #aumentar-fonte', (v) => v > base, `> ${base}px`);
  await press('aumentar-fonte', 'Space');
  const s2 = await expectSize('Space on #aumentar-fonte', (v) => v > s1, `> ${s1}px`);
  await press('diminuir-fonte', 'Enter');
  await expectSize('Enter on #diminuir-fonte', (v) => v < s2, `< ${s2}px`);
  await press('fonte-normal', 'Space');
  await expectSize('Space on #fonte-normal', (v) => Math.abs(v - base) < 0.01, `${base}px`);

  const contrast = () =>
    page.evaluate(
      (cls) => ({
        on: document.documentElement.classList.contains(cls),
        pressed: document.getElementById('alto-contraste')?.getAttribute('aria-pressed'),
      }),
      CONTRAST_CLASS,
    );
  for (const [key, want] of [['Enter', true], ['Space', false]]) {
    await press('alto-contraste', key);
    const got = await poll(contrast, (c) => c.on === want && c.pressed === String(want));
    if (got.on !== want || got.pressed !== String(want)) {
      problems.push(`${key} on #alto-contraste: class ${got.on ? 'on' : 'off'}, aria-pressed=${got.pressed}; expected ${want}`);
    }
  }
  return problems;
}
