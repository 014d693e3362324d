// `npm start`: launches the desktop app, or says in one line why it cannot and what to use.
// The binary's presence is checked by hand: `require('electron')` would try to download it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const pkg = join(new URL('..', import.meta.url).pathname, 'node_modules', 'electron');
const pathFile = join(pkg, 'path.txt');
const binary = existsSync(pathFile)
  ? join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim())
  : null;
if (binary === null || !existsSync(binary)) {
  console.error(
    'factorlens: the Electron binary is not installed (its download needs network: run `node node_modules/electron/install.js`); use `npm run serve -- [folder]` for the same app in a browser',
  );
  process.exit(1);
}
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
