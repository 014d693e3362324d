/**
 * Worker threads cannot start from inside app.asar, and the files they read must be real
 * files: electron.config.ts unpacks the workers and the demo, and the app points at
 * app.asar.unpacked. Paths outside an archive (development, `npm start`) are unchanged.
 */
export function unpacked(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}
