import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { packageRoot } from '../bench/data-path.js';

/** Options of `startDemoServer`. */
export interface DemoServerOptions {
  /** Port (default 8080; 0 picks a free one). */
  port?: number;
  /** Interface to bind (default '127.0.0.1': the demo is for this machine only). */
  host?: string;
  /** Benchmark data folder holding `nasbench201/nb201.csv` (see `resolveDataDir`). */
  dataDir: string;
  /** Folder holding `web/`, `dist/src/` and `node_modules/gpu.js/` (default: this package's root). */
  root?: string;
}

/** A running demo server. */
export interface DemoServer {
  /** Base URL, e.g. `http://127.0.0.1:8080/`; the page is at `${url}web/index.html`. */
  readonly url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

/**
 * Starts the static server of the browser demo (Node only). It serves, read-only and for GET
 * and HEAD only:
 *
 * - `/` → redirect to `/web/index.html`;
 * - `/web/…` and `/dist/src/…` (the compiled library, plain ES modules) from `root`;
 * - `/node_modules/gpu.js/dist/…`: gpu.js' browser build, from wherever Node resolves the
 *   `gpu.js` package (so it also works when bananas-ts is installed as a dependency);
 * - `/data/nb201.csv` → `<dataDir>/nasbench201/nb201.csv` (the table the page searches).
 *
 * Anything else, or a path escaping those folders, is 404. No caching headers, no directory
 * listings. Resolves once listening; rejects with the listen error (e.g. EADDRINUSE).
 */
export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const root = resolve(options.root ?? packageRoot());
  const host = options.host ?? '127.0.0.1';
  const mounts: Array<[string, string]> = [
    ['/web/', join(root, 'web')],
    ['/dist/src/', join(root, 'dist', 'src')],
    ['/node_modules/gpu.js/dist/', gpuJsDist(root)],
  ];
  const files: Record<string, string> = {
    '/data/nb201.csv': join(resolve(options.dataDir), 'nasbench201', 'nb201.csv'),
  };

  const server: Server = createServer((req, res) => {
    const send = (status: number, text: string): void => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return send(400, 'bad path');
    }
    if (path === '/') {
      res.writeHead(302, { location: '/web/index.html' });
      return res.end();
    }
    // map: a fixed file, or a file under one of the mounted folders (no escaping them)
    let file = files[path];
    if (file === undefined) {
      for (const [prefix, dir] of mounts) {
        if (!path.startsWith(prefix)) continue;
        const candidate = resolve(dir, '.' + sep + path.slice(prefix.length));
        if (candidate.startsWith(dir + sep)) file = candidate;
      }
    }
    if (file === undefined || !existsSync(file) || !statSync(file).isFile())
      return send(404, `not found: ${path}`);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 8080, host, () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** The `dist` folder of the gpu.js package Node resolves from here, else `root`'s copy. */
function gpuJsDist(root: string): string {
  try {
    // gpu.js' main is src/index.js, so the package folder is two levels up
    return join(dirname(dirname(createRequire(import.meta.url).resolve('gpu.js'))), 'dist');
  } catch {
    return join(root, 'node_modules', 'gpu.js', 'dist');
  }
}
