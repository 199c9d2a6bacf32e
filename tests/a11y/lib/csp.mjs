// The Content-Security-Policy that docs/hospedagem.md tells IT to send (read from the nginx
// file it ships, which a Rust test keeps equal to the .htaccess, the guide and `serve`), and
// what the browser reports while a page runs under it: `securitypolicyviolation` events,
// console messages about the policy, and uncaught errors (an `eval` refused throws).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_DIR } from './config.mjs';

export const NGINX_CONF = path.join(REPO_DIR, 'docs/hospedagem/nginx.conf');

/** The policy of docs/hospedagem/nginx.conf. */
export function documentedPolicy() {
  const text = readFileSync(NGINX_CONF, 'utf8');
  const found = text.match(/^\s*add_header Content-Security-Policy "([^"]+)" always;$/m);
  if (!found) throw new Error(`no Content-Security-Policy in ${NGINX_CONF}`);
  return found[1];
}

/** Makes every page of `context` record the policy's violations (before any script of its own runs). */
export async function recordViolations(context) {
  await context.addInitScript(() => {
    const seen = [];
    Object.defineProperty(window, '__cspViolations', { value: seen });
    document.addEventListener('securitypolicyviolation', (e) => {
      const where = e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}` : '';
      seen.push(`${e.effectiveDirective} refused ${e.blockedURI || '(inline)'}${where}${e.sample ? `: ${e.sample}` : ''}`);
    });
  });
}

/** Console messages about the policy and uncaught errors of `page`, as a live array. */
export function recordPolicyMessages(page) {
  const messages = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(message.text())) messages.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => messages.push(`uncaught: ${error.message}`));
  return messages;
}

/** The violations recorded on the page now shown, prefixed with its address. */
export async function violationsOf(page) {
  const seen = await page.evaluate(() => (window.__cspViolations ?? ['the recorder did not run']).slice());
  return seen.map((v) => `${new URL(page.url()).pathname}: ${v}`);
}
