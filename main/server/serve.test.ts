import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const built = existsSync('dist/renderer/index.html');

function get(url: string, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: `${u.pathname}${u.search}`,
        headers: host ? { host } : {},
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(!built)('serve (browser mode)', () => {
  let child: ChildProcess;
  let url = '';
  beforeAll(async () => {
    child = spawn(process.execPath, ['dist/node/serve.js', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve) => {
      child.stdout!.on('data', (d: Buffer) => {
        const m = /(http:\/\/\S+)/.exec(String(d));
        if (m) resolve(m[1]);
      });
    });
  });
  afterAll(() => {
    child.kill();
  });

  it('serves the page with the token and refuses it without', async () => {
    expect(await get(url)).toBe(200);
    expect(await get(url.replace(/token=\w+/, 'token=wrong'))).toBe(403);
    expect(await get(url.replace(/\?token=\w+/, ''))).toBe(403);
  });

  it('refuses another Host name (DNS rebinding)', async () => {
    expect(await get(url, 'evil.example:80')).toBe(403);
  });

  it('says in one line that a port is taken', () => {
    const port = new URL(url).port;
    const r = spawnSync(process.execPath, ['dist/node/serve.js', '--port', port], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      `factorlens: port ${port} on 127.0.0.1 is in use; choose another with --port (0: any free port)`,
    );
  });

  it('rejects a port out of range in one line', () => {
    const r = spawnSync(process.execPath, ['dist/node/serve.js', '--port', '70000'], {
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--port must be 0…65535, got "70000"/);
  });
});
