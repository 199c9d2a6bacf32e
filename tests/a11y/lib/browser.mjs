// Debian's Chromium driven by playwright-core, with every request off 127.0.0.1 blocked and recorded.
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, CONTRAST_KEY, CONTRAST_VALUE } from './config.mjs';

export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Defence in depth: even a request that slipped past routing could not resolve a name.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/** One browser for a whole test file; Playwright gives it a fresh, empty profile. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
}

/** True for URLs that stay on this machine's test server (or never touch the network). */
export function isLocal(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (['data:', 'blob:', 'about:', 'javascript:'].includes(parsed.protocol)) return true;
  return parsed.hostname === '127.0.0.1';
}

/**
 * Record every request that `target` (a Page or a BrowserContext) makes to a host other than
 * 127.0.0.1, websockets included. Returns the live array of "page → url" strings.
 */
export function recordForeignRequests(target) {
  const foreign = [];
  const from = (request) => {
    try {
      return request.frame().url();
    } catch {
      return '(no frame)';
    }
  };
  target.on('request', (request) => {
    if (!isLocal(request.url())) foreign.push(`${from(request)} → ${request.url()}`);
  });
  const watchSockets = (page) =>
    page.on('websocket', (ws) => {
      if (!isLocal(ws.url())) foreign.push(`${page.url()} → ${ws.url()}`);
    });
  if (typeof target.pages === 'function') target.on('page', watchSockets);
  else watchSockets(target);
  return foreign;
}

/**
 * Record local requests that fail (HTTP status ≥ 400, or no response at all): a broken relative
 * link to a stylesheet, script, image or font. Returns the live array of "status url" strings.
 */
export function recordBrokenRequests(page) {
  const broken = [];
  const ignored = (url) => new URL(url).pathname === '/favicon.ico'; // asked for by the browser itself
  page.on('response', (response) => {
    const url = response.url();
    if (response.status() >= 400 && isLocal(url) && !ignored(url)) broken.push(`${response.status()} ${url}`);
  });
  page.on('requestfailed', (request) => {
    const url = request.url();
    if (isLocal(url) && !url.startsWith('data:') && !ignored(url)) {
      broken.push(`failed (${request.failure()?.errorText}) ${url}`);
    }
  });
  return broken;
}

/**
 * A fresh browser context (empty localStorage) at the given width. Foreign requests are
 * aborted before they leave. With `contrast`, high-contrast mode is stored before any page loads;
 * `prefersContrast: 'more'` emulates the user's system setting instead; `timezoneId` sets the
 * zone of the device's clock; `enforceCsp` makes the browser apply the pages'
 * Content-Security-Policy (bypassed by default, so that axe can be injected).
 */
export async function openContext(
  browser,
  { width = 1280, contrast = false, javaScript = true, prefersContrast = 'no-preference', timezoneId, enforceCsp = false } = {},
) {
  const context = await browser.newContext({
    ...(timezoneId ? { timezoneId } : {}),
    contrast: prefersContrast,
    viewport: { width, height: width < 600 ? 812 : 800 },
    javaScriptEnabled: javaScript,
    bypassCSP: !enforceCsp, // so axe can be injected into pages that ship a strict CSP
    serviceWorkers: 'block',
    locale: 'pt-BR',
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  await context.route((url) => !isLocal(url.href), (route) => route.abort('blockedbyclient'));
  if (contrast) {
    await context.addInitScript(
      ([key, value]) => {
        try {
          localStorage.setItem(key, value);
        } catch {}
      },
      [CONTRAST_KEY, CONTRAST_VALUE],
    );
  }
  return context;
}

/** A readable list of foreign requests, or '' when there were none. */
export function formatForeign(foreign) {
  if (foreign.length === 0) return '';
  const unique = [...new Set(foreign)];
  return `${unique.length} request(s) left 127.0.0.1 (blocked):\n` + unique.map((r) => `  - ${r}`).join('\n');
}
