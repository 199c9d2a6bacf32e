// Self-tests of the harness plumbing: the static server, page discovery, site selection.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isLocal } from './lib/browser.mjs';
import { SAMPLE_SITE } from './lib/config.mjs';
import { findPages, urlPathOf } from './lib/pages.mjs';
import { serve } from './lib/server.mjs';
import { sitesUnderTest } from './lib/sites.mjs';

/** A raw GET (the client does not normalise the path, unlike fetch). */
function get(origin, rawPath, method = 'GET') {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static server', () => {
  let tmp;
  let server;
  before(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'a11y-server-'));
    await mkdir(path.join(tmp, 'site/sub dir'), { recursive: true });
    await writeFile(path.join(tmp, 'site/index.html'), '<!doctype html><title>x</title>');
    await writeFile(path.join(tmp, 'site/sub dir/index.html'), 'sub');
    await writeFile(path.join(tmp, 'site/app.js'), '1');
    await writeFile(path.join(tmp, 'site/f.woff2'), 'w');
    await writeFile(path.join(tmp, 'secret.txt'), 'secret');
    await symlink(path.join(tmp, 'secret.txt'), path.join(tmp, 'site/link.txt'));
    server = await serve(path.join(tmp, 'site'));
  });
  after(async () => {
    await server?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 on a random port', () => {
    assert.match(server.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
  });
  it('serves index.html for directories, with content types', async () => {
    const root = await get(server.origin, '/');
    assert.equal(root.status, 200);
    assert.equal(root.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal((await get(server.origin, '/sub%20dir/')).body, 'sub');
    assert.equal((await get(server.origin, '/app.js?v=1')).headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal((await get(server.origin, '/f.woff2')).headers['content-type'], 'font/woff2');
  });
  it('redirects a directory without its trailing slash (relative links need it)', async () => {
    const res = await get(server.origin, '/sub%20dir');
    assert.equal(res.status, 301);
    assert.equal(res.headers.location, '/sub%20dir/');
  });
  it('answers 404, 405 and 400 where due', async () => {
    assert.equal((await get(server.origin, '/missing.html')).status, 404);
    assert.equal((await get(server.origin, '/', 'POST')).status, 405);
    assert.equal((await get(server.origin, '/%E0%A4%A')).status, 400);
    assert.equal((await get(server.origin, '/a%00b')).status, 400);
  });
  it('refuses paths and symlinks outside the folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/sub%20dir/..%2f..%2fsecret.txt', '/link.txt']) {
      const res = await get(server.origin, p);
      assert.notEqual(res.status, 200, p);
      assert.doesNotMatch(res.body, /secret/, p);
    }
  });
});

describe('page discovery', () => {
  it('finds every HTML page of the sample site, home first', () => {
    assert.deepEqual(findPages(SAMPLE_SITE), ['index.html', 'acessibilidade/index.html', 'servicos/index.html']);
  });
  it('maps files to pretty URLs', () => {
    assert.equal(urlPathOf('index.html'), '/');
    assert.equal(urlPathOf('a/b/index.html'), '/a/b/');
    assert.equal(urlPathOf('a/404.html'), '/a/404.html');
    assert.equal(urlPathOf('ação/index.html'), '/a%C3%A7%C3%A3o/');
  });
  it('always audits the sample site, and reports folders that cannot be audited', () => {
    const { sites, errors } = sitesUnderTest({ A11Y_SITES: '/nonexistent/site:' + SAMPLE_SITE });
    assert.deepEqual(
      sites.map((s) => s.dir),
      [SAMPLE_SITE],
    );
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /does not exist/);
  });
});

describe('network filter', () => {
  it('treats only 127.0.0.1 (and data:/blob:) as local', () => {
    assert.ok(isLocal('http://127.0.0.1:1234/x.css'));
    assert.ok(isLocal('data:image/png;base64,AAAA'));
    assert.ok(!isLocal('http://localhost:1234/'));
    assert.ok(!isLocal('https://fonts.googleapis.com/css'));
    assert.ok(!isLocal('http://127.0.0.1.nip.io/'));
  });
});
