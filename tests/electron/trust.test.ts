import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  EXTERNAL_URL_ALLOW_LIST,
  isAllowedExternalUrl,
  isAppUrl,
  isTrustedSender,
} from '../../electron/platform/policy/trust';

describe('isTrustedSender', () => {
  it('accepts our own page in the top frame', () => {
    expect(isTrustedSender(APP_ENTRY_URL, true)).toBe(true);
    expect(isTrustedSender('app://credit-desk/index.html#/clients/7', true)).toBe(true);
    expect(isTrustedSender('app://credit-desk/', true)).toBe(true);
  });

  it('refuses our own page in a subframe', () => {
    expect(isTrustedSender(APP_ENTRY_URL, false)).toBe(false);
  });

  it('refuses other origins, schemes and look-alikes', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5173/',
      'file:///home/staff/index.html',
      'file:///opt/Credit%20Desk/resources/app.asar/out/renderer/index.html',
      'devtools://devtools/bundled/devtools_app.html',
      'chrome://settings/',
      'about:blank',
      'data:text/html,<script>1</script>',
      'app://evil/index.html',
      'app://credit-desk.evil.com/index.html',
      'app://credit-desk:8080/index.html',
      'app://user:pass@credit-desk/index.html',
      'apps://credit-desk/index.html',
      '',
      'not a url',
    ]) {
      expect(isTrustedSender(url, true), url).toBe(false);
    }
  });

  it('trusts the dev server only when its origin is given, and only that origin', () => {
    expect(isTrustedSender('http://localhost:5173/', true)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', true, 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', true, 'http://localhost:5173')).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', false, 'http://localhost:5173')).toBe(false);
    expect(isTrustedSender('file:///x/index.html', true, 'file:///x')).toBe(false);
  });

  it('knows its own URLs', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://credit-desk/assets/index-abc.js')).toBe(true);
    expect(isAppUrl('https://credit-desk/')).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  it('opens https links to the allow-listed hosts', () => {
    expect(isAllowedExternalUrl('https://dashboard.stripe.com/payments/pi_123')).toBe(true);
    expect(isAllowedExternalUrl('https://www.paypal.com/activity/payment/ABC')).toBe(true);
    for (const host of EXTERNAL_URL_ALLOW_LIST) expect(isAllowedExternalUrl(`https://${host}/`)).toBe(true);
  });

  it('refuses everything else', () => {
    for (const url of [
      'http://dashboard.stripe.com/',
      'https://stripe.com.evil.com/',
      'https://evil.com/?https://dashboard.stripe.com',
      'https://dashboard.stripe.com.evil.com/',
      'https://user@dashboard.stripe.com/',
      'https://dashboard.stripe.com:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:/id',
      'app://credit-desk/index.html',
      '',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('accepts a custom allow-list', () => {
    expect(isAllowedExternalUrl('https://docs.example.com/help', ['docs.example.com'])).toBe(true);
    expect(isAllowedExternalUrl('https://dashboard.stripe.com/', ['docs.example.com'])).toBe(false);
  });
});
