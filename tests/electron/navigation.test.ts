// The decisions behind hardening.ts's will-navigate, window-open and permission handlers.
import { describe, expect, it } from 'vitest';
import {
  decideNavigation,
  decideSubframeNavigation,
  decideWindowOpen,
  permissionDecision,
} from '../../electron/platform/policy/navigation';
import { APP_ENTRY_URL, EXTERNAL_URL_ALLOW_LIST } from '../../electron/platform/policy/trust';

/** URLs that must never be loaded nor handed to the operating system. */
const HOSTILE = [
  'http://dashboard.stripe.com/payments',
  'http://127.0.0.1:5173/',
  'https://evil.example/',
  'https://dashboard.stripe.com.evil.com/',
  'https://evil.com/?https://dashboard.stripe.com',
  'https://user:pass@dashboard.stripe.com/',
  'https://dashboard.stripe.com:8443/',
  'file:///etc/passwd',
  'file:///opt/Credit%20Desk/resources/app.asar/out/renderer/index.html',
  'javascript:alert(1)',
  'JavaScript:alert(document.domain)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'blob:app://credit-desk/0b4c-1',
  'about:blank',
  'chrome://settings/',
  'devtools://devtools/bundled/devtools_app.html',
  'smb://server/share/payload.exe',
  'ms-msdt:/id PCWDiagnostic',
  'vbscript:msgbox(1)',
  'app://evil/index.html',
  'app://credit-desk.evil.com/index.html',
  'app://user@credit-desk/index.html',
  'apps://credit-desk/index.html',
  '',
  'not a url',
];

describe('decideNavigation (will-navigate)', () => {
  it('lets our own page reload or move between its routes', () => {
    for (const url of [APP_ENTRY_URL, 'app://credit-desk/', 'app://credit-desk/index.html#/backups']) {
      expect(decideNavigation(url), url).toEqual({ action: 'allow' });
    }
  });

  it('sends an allow-listed https link to the browser, never into the window', () => {
    expect(decideNavigation('https://dashboard.stripe.com/payments/pi_123')).toEqual({
      action: 'openExternal',
      url: 'https://dashboard.stripe.com/payments/pi_123',
    });
    for (const host of EXTERNAL_URL_ALLOW_LIST) {
      expect(decideNavigation(`https://${host}/x`).action, host).toBe('openExternal');
    }
  });

  it('stops everything else, and opens none of it', () => {
    for (const url of HOSTILE) expect(decideNavigation(url), url).toEqual({ action: 'deny' });
  });

  it('lets the dev server through only when its origin is given, and only that origin', () => {
    expect(decideNavigation('http://localhost:5173/')).toEqual({ action: 'deny' });
    const dev = { devServerOrigin: 'http://localhost:5173' };
    expect(decideNavigation('http://localhost:5173/#/clients', dev)).toEqual({ action: 'allow' });
    expect(decideNavigation('http://localhost:5174/', dev)).toEqual({ action: 'deny' });
    expect(decideNavigation('http://user@localhost:5173/', dev)).toEqual({ action: 'deny' });
    expect(decideNavigation('file:///x/index.html', { devServerOrigin: 'file:///x' })).toEqual({ action: 'deny' });
  });

  it('takes a custom allow-list', () => {
    expect(decideNavigation('https://docs.example.com/help', { allowList: ['docs.example.com'] }).action).toBe(
      'openExternal',
    );
    expect(decideNavigation('https://dashboard.stripe.com/', { allowList: [] })).toEqual({ action: 'deny' });
  });
});

describe('decideWindowOpen (window.open, target=_blank, middle-click)', () => {
  it('never opens a window, not even of our own page', () => {
    for (const url of [APP_ENTRY_URL, 'app://credit-desk/index.html#/clients/1', ...HOSTILE]) {
      expect(decideWindowOpen(url), url).toEqual({ action: 'deny' });
    }
  });

  it('hands an allow-listed https link to the browser', () => {
    expect(decideWindowOpen('https://www.paypal.com/activity/payment/ABC')).toEqual({
      action: 'openExternal',
      url: 'https://www.paypal.com/activity/payment/ABC',
    });
    expect(decideWindowOpen('https://www.paypal.com/', { allowList: [] })).toEqual({ action: 'deny' });
  });
});

describe('decideSubframeNavigation (will-frame-navigate)', () => {
  it('stops every subframe navigation; the main frame is judged by will-navigate', () => {
    expect(decideSubframeNavigation(false)).toBe('deny');
    expect(decideSubframeNavigation(true)).toBe('allow');
  });
});

describe('permissionDecision', () => {
  it('refuses every permission, whoever asks, our own page included', () => {
    const permissions = [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'midiSysex',
      'pointerLock',
      'fullscreen',
      'openExternal',
      'clipboard-read',
      'clipboard-sanitized-write',
      'display-capture',
      'idle-detection',
      'mediaKeySystem',
      'storage-access',
      'top-level-storage-access',
      'window-management',
      'hid',
      'serial',
      'usb',
      'fileSystem',
      'keyboardLock',
      'speaker-selection',
      'unknown',
    ];
    for (const permission of permissions) {
      for (const origin of [APP_ENTRY_URL, 'app://credit-desk', 'https://evil.example/', undefined]) {
        expect(permissionDecision(permission, origin), `${permission} from ${origin}`).toBe(false);
      }
    }
    expect(permissionDecision()).toBe(false);
  });
});
