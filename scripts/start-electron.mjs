// `npm start`: launches the desktop app, or says in one line why it cannot and what to use.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let binary = null;
try {
  binary = require('electron');
} catch {
  binary = null;
}
if (typeof binary !== 'string' || !existsSync(binary)) {
  console.error(
    'factorlens: the Electron binary is not installed (it downloads at npm install and needs network); use `npm run serve -- [folder]` for the same app in a browser',
  );
  process.exit(1);
}
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
