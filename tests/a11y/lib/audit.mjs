// axe-core on one page, and a readable report of what it found.
import { AXE_PATH, AXE_TAGS, CONTRAST_CLASS } from './config.mjs';
import { recordBrokenRequests, recordForeignRequests } from './browser.mjs';
import { checkPagination } from './pagination.mjs';

export const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: AXE_TAGS },
  resultTypes: ['violations'],
};

/** High contrast is a real theme with at least 7:1 for text: add the WCAG AAA contrast rule. */
export const AXE_CONTRAST_OPTIONS = {
  ...AXE_OPTIONS,
  rules: { 'color-contrast-enhanced': { enabled: true } },
};

/** Run axe on the loaded page; returns simplified violations. */
export async function runAxe(page, options = AXE_OPTIONS) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate((opts) => window.axe.run(document, opts), options);
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' '),
      summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
    })),
  }));
}

/**
 * Load `url` in a new page of `context` and audit it. With `contrast`, first check that
 * high-contrast mode is actually on (`<html class="alto-contraste">`), and hold text to 7:1.
 * Returns { violations, foreign, problems } — problems are non-axe failures (HTTP errors, broken
 * resources such as a stylesheet behind a wrong relative link, contrast mode not switching on).
 */
export async function auditPage(context, url, { contrast = false } = {}) {
  const page = await context.newPage();
  const foreign = recordForeignRequests(page);
  const broken = recordBrokenRequests(page);
  const problems = [];
  try {
    const response = await page.goto(url, { waitUntil: 'load' });
    if (!response?.ok()) problems.push(`HTTP ${response?.status()} for ${url}`);
    if (contrast) {
      const on = await page.evaluate((cls) => document.documentElement.classList.contains(cls), CONTRAST_CLASS);
      if (!on) problems.push(`high-contrast mode is not active: <html> lacks class "${CONTRAST_CLASS}"`);
    }
    problems.push(...(await checkPagination(page)));
    const violations = await runAxe(page, contrast ? AXE_CONTRAST_OPTIONS : AXE_OPTIONS);
    problems.push(...broken.filter((b) => !b.endsWith(` ${url}`)).map((b) => `broken resource: ${b}`));
    return { violations, foreign, problems };
  } finally {
    await page.close();
  }
}

const MAX_NODES = 8;

/** Multi-line report: page, then rule id, impact, help, URL, and each target with its summary. */
export function formatViolations(where, violations) {
  const lines = [`${where}: ${violations.length} axe violation(s)`];
  for (const v of violations) {
    lines.push(`  ${v.id} [${v.impact}] ${v.help}`, `    ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, MAX_NODES)) {
      lines.push(`    - ${n.target}`);
      if (n.summary) lines.push(`      ${n.summary.slice(0, 300)}`);
    }
    if (v.nodes.length > MAX_NODES) lines.push(`    … and ${v.nodes.length - MAX_NODES} more`);
  }
  return lines.join('\n');
}
