// A minimal static file server for a built site: 127.0.0.1, random free port,
// index.html for directories, real content types, nothing outside the folder.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonld': 'application/ld+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};

export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function inside(root, candidate) {
  return candidate === root || candidate.startsWith(root + path.sep);
}

async function statOrNull(file) {
  try {
    return await stat(file);
  } catch {
    return null;
  }
}

/**
 * Resolve a request path to a file under root.
 * Returns { status, file?, location? }.
 */
async function resolveRequest(root, rawPath) {
  let pathname;
  try {
    pathname = decodeURIComponent(rawPath);
  } catch {
    return { status: 400 };
  }
  if (pathname.includes('\0') || !pathname.startsWith('/')) return { status: 400 };

  const target = path.resolve(root, '.' + pathname);
  if (!inside(root, target)) return { status: 403 };

  let info = await statOrNull(target);
  let file = target;
  if (info?.isDirectory()) {
    if (!pathname.endsWith('/')) return { status: 301, location: rawPath + '/' };
    file = path.join(target, 'index.html');
    info = await statOrNull(file);
  }
  if (!info?.isFile()) return { status: 404 };

  // Symlinks must not lead out of the folder either.
  if (!inside(root, await realpath(file))) return { status: 403 };
  return { status: 200, file, size: info.size };
}

/**
 * Serve `folder`; resolves to { origin, url(path), close() }. `headers` are added to every
 * response (e.g. the Content-Security-Policy of docs/hospedagem.md, for csp.test.mjs).
 */
export async function serve(folder, { headers = {} } = {}) {
  const root = await realpath(path.resolve(folder));

  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
        return;
      }
      const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0];
      const found = await resolveRequest(root, rawPath);
      if (found.status === 301) {
        res.writeHead(301, { ...headers, Location: found.location }).end();
        return;
      }
      if (found.status !== 200) {
        res.writeHead(found.status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`${found.status}\n`);
        return;
      }
      res.writeHead(200, {
        ...headers,
        'Content-Type': contentType(found.file),
        'Content-Length': found.size,
        'Cache-Control': 'no-store',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(found.file).on('error', () => res.destroy()).pipe(res);
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;

  return {
    root,
    origin,
    url: (urlPath = '/') => origin + urlPath,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
