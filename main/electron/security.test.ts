import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  SECURE_WEB_PREFERENCES,
  isAllowedNavigation,
  isExternalLink,
  isTrustedSender,
} from './security';

const index = 'file:///opt/FactorLens/resources/app/dist/renderer/index.html';

describe('Electron security rules', () => {
  it('isolates and sandboxes the renderer without Node integration', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });
  });

  it('blocks navigation away from the app page', () => {
    expect(isAllowedNavigation(index, index)).toBe(true);
    expect(isAllowedNavigation(`${index}#cluster`, index)).toBe(true);
    expect(isAllowedNavigation('https://example.org/', index)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', index)).toBe(false);
    expect(isAllowedNavigation('not a url', index)).toBe(false);
  });

  it('hands only https links to the system browser', () => {
    expect(isExternalLink('https://grouplens.org/datasets/movielens/')).toBe(true);
    expect(isExternalLink('http://example.org/')).toBe(false);
    expect(isExternalLink('file:///tmp/x')).toBe(false);
    expect(isExternalLink('javascript:alert(1)')).toBe(false);
  });

  it('accepts IPC only from our own windows on our own page', () => {
    const ours = new Set([3]);
    expect(isTrustedSender(3, index, ours, index)).toBe(true);
    expect(isTrustedSender(4, index, ours, index)).toBe(false);
    expect(isTrustedSender(3, 'https://evil.example/', ours, index)).toBe(false);
    expect(isTrustedSender(3, undefined, ours, index)).toBe(false);
  });

  it('allows no inline or remote script in the Content-Security-Policy', () => {
    const script = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('script-src'));
    expect(script).toBe("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
  });

  it('is what the main process actually uses (static check of the source)', () => {
    const main = readFileSync('main/electron/main.ts', 'utf8');
    expect(main).toMatch(/webPreferences: \{[^}]*\.\.\.SECURE_WEB_PREFERENCES/);
    expect(main).toContain('isTrustedSender(');
    expect(main).toContain('setWindowOpenHandler');
    expect(main).toContain("'will-navigate'");
    expect(main).toContain('CONTENT_SECURITY_POLICY');
  });
});
