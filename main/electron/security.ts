/**
 * The desktop app's security rules, as plain data and pure functions so they are tested
 * without the Electron binary (see security.test.ts) and used verbatim by main.ts.
 */

/** webPreferences of every window: isolated, sandboxed renderer without Node. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: false,
} as const;

/**
 * Content-Security-Policy of the renderer: only its own files, no inline or remote scripts,
 * no network but the browser-mode WebSocket on loopback (unused in the desktop app).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Navigation inside a window is only allowed to the app's own index page. */
export function isAllowedNavigation(url: string, indexUrl: string): boolean {
  try {
    const u = new URL(url);
    const i = new URL(indexUrl);
    return u.protocol === 'file:' && u.pathname === i.pathname;
  } catch {
    return false;
  }
}

/** Links the app may hand to the system browser (never file:, javascript: or plain http:). */
export function isExternalLink(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** IPC is accepted only from a window we created, showing our own index page. */
export function isTrustedSender(
  senderId: number,
  frameUrl: string | undefined,
  ourWindows: Set<number>,
  indexUrl: string,
): boolean {
  return (
    ourWindows.has(senderId) && frameUrl !== undefined && isAllowedNavigation(frameUrl, indexUrl)
  );
}
