/**
 * Browser mode: `npm run serve -- [folder] [--port N]`. Serves the built renderer and the core
 * over a WebSocket on 127.0.0.1, guarded by a random per-run token that the printed URL carries.
 * Requests without the token get 403; nothing listens beyond loopback.
 */
import { Command, InvalidArgumentError } from 'commander';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { ClientMessageSchema, type ServerMessage } from '../contract';
import { FactorLensCore } from '../core/core';
import { dispatch, type DispatchContext } from '../core/dispatch';
import { UserError } from '../core/errors';
import { CancelledError } from '../../workers/protocol';
import { appRoot, demoDir, fail, number, workerDir } from '../cli/common';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.ico': 'image/x-icon',
};

const program = new Command()
  .name('serve')
  .description('Run FactorLens in a browser: serves the app on 127.0.0.1 with a per-run token.')
  .argument('[dataset]', 'MovieLens folder to open at start')
  .option('--port <n>', 'port on 127.0.0.1 (0: any free port)', portNumber, 0)
  .option('--exports <dir>', 'folder for exported reports', 'factorlens-reports')
  .option(
    '--worker-memory-mb <n>',
    'heap cap per worker thread: a runaway job fails alone, reported as an error',
    number('--worker-memory-mb', { integer: true, min: 8 }),
  )
  .option('--no-open', 'accepted for scripts; the server never opens a browser itself')
  .configureOutput({
    outputError: (s, write) => write(`factorlens: ${s.replace(/^error: /, '')}`),
  });

function portNumber(value: string): number {
  const port = number('--port', { integer: true, min: 0 })(value);
  if (port > 65535) throw new InvalidArgumentError(`--port must be 0…65535, got "${value}"`);
  return port;
}

function tokenOk(given: string | null, token: string): boolean {
  if (!given || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

async function main(): Promise<void> {
  program.parse();
  const o = program.opts();
  const [datasetArg] = program.args;
  const token = randomBytes(24).toString('hex');
  const staticRoot = join(appRoot, 'dist', 'renderer');
  if (!existsSync(join(staticRoot, 'index.html')))
    fail(new Error(`renderer not built (${staticRoot}); run npm run build`));
  const core = new FactorLensCore({ workerDir, demoDir, workerMemoryMb: o.workerMemoryMb });
  const exportRoot = resolve(o.exports);
  const reports = new Map<string, string>();
  const ctx: DispatchContext = {
    core,
    mode: 'browser',
    initialDatasetId: null,
    exportRoot,
    reportUrl: (dir) => {
      const id = randomBytes(6).toString('hex');
      reports.set(id, dir);
      return `/reports/${id}/report.html?token=${token}`;
    },
  };
  if (datasetArg)
    ctx.initialDatasetId = (await core.openDataset('startup', resolve(datasetArg))).datasetId;

  // Only our own address may be named in Host: a page from another site that rebinds its
  // DNS name to 127.0.0.1 then cannot read anything (DNS rebinding).
  let allowedHosts = new Set<string>();
  const hostOk = (host: string | undefined) => host !== undefined && allowedHosts.has(host);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(body);
    };
    if (!hostOk(req.headers.host)) return send(403, 'unexpected Host header');
    if (req.method !== 'GET') return send(405, 'method not allowed');
    let file: string | null = null;
    const report = /^\/reports\/([0-9a-f]+)\/([\w.-]+)$/.exec(url.pathname);
    if (report) {
      if (!tokenOk(url.searchParams.get('token'), token))
        return send(403, 'missing or wrong token');
      const dir = reports.get(report[1]);
      if (dir) file = join(dir, report[2]);
    } else {
      // The page itself needs the token; its static assets are public build output.
      if (url.pathname === '/' && !tokenOk(url.searchParams.get('token'), token)) {
        return send(403, 'open the URL printed by `npm run serve`, which carries the token');
      }
      const rel = normalize(
        decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname),
      );
      const candidate = join(staticRoot, rel);
      if (candidate.startsWith(staticRoot + sep)) file = candidate;
    }
    if (!file || !existsSync(file) || !statSync(file).isFile()) return send(404, 'not found');
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin;
    const sameOrigin = !origin || origin === `http://${req.headers.host}`;
    if (
      url.pathname !== '/ws' ||
      !tokenOk(url.searchParams.get('token'), token) ||
      !sameOrigin ||
      !hostOk(req.headers.host)
    ) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connection(ws));
  });

  const connection = (ws: WebSocket) => {
    const send = (m: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    const unsubscribe = core.onProgress((event) => send({ type: 'event', event }));
    ws.on('close', unsubscribe);
    ws.on('message', (data) => {
      let parsed;
      try {
        parsed = ClientMessageSchema.safeParse(JSON.parse(String(data)));
      } catch {
        return; // not JSON: ignore
      }
      if (!parsed.success) return;
      const { id, method, params } = parsed.data;
      dispatch(ctx, method, params).then(
        (result) => send({ type: 'response', id, ok: true, result }),
        (e: unknown) => {
          const cancelled = e instanceof CancelledError;
          const message = e instanceof Error ? e.message : String(e);
          if (!(e instanceof UserError) && !cancelled)
            process.stderr.write(`serve: ${method} failed: ${message}\n`);
          send({
            type: 'response',
            id,
            ok: false,
            error: { message: message.split('\n')[0], cancelled },
          });
        },
      );
    });
  };

  server.on('error', (e: NodeJS.ErrnoException) =>
    fail(
      new Error(
        e.code === 'EADDRINUSE'
          ? `port ${o.port} on 127.0.0.1 is in use; choose another with --port (0: any free port)`
          : e.message,
      ),
    ),
  );
  server.listen(o.port, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : o.port;
    allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    process.stdout.write(`FactorLens browser mode: http://127.0.0.1:${port}/?token=${token}\n`);
  });
  const stop = () => {
    wss.close();
    server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => fail(e));
