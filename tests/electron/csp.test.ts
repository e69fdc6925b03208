import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY as httpPolicy } from '../../electron/ipc/http';
import {
  CONTENT_SECURITY_POLICY,
  developmentContentSecurityPolicy,
  parseContentSecurityPolicy,
} from '../../electron/platform/policy/csp';

describe('Content-Security-Policy', () => {
  const policy = parseContentSecurityPolicy(CONTENT_SECURITY_POLICY);

  it("defaults to 'self' and allows scripts only from our own bundle", () => {
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
  });

  it('never allows inline scripts or eval', () => {
    for (const directive of ['script-src', 'default-src', 'script-src-elem', 'script-src-attr']) {
      const sources = policy.get(directive) ?? [];
      expect(sources).not.toContain("'unsafe-inline'");
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain("'wasm-unsafe-eval'");
      expect(sources).not.toContain('*');
    }
  });

  it('forbids plugins, framing, base rewriting and form posts', () => {
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('frame-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('lets the page connect only to its own origin', () => {
    expect(policy.get('connect-src')).toEqual(["'self'"]);
  });

  it('is the same policy in browser mode and in the desktop app', () => {
    expect(httpPolicy).toBe(CONTENT_SECURITY_POLICY);
  });

  it('relaxes scripts only in the development policy, for the dev server alone', () => {
    const dev = parseContentSecurityPolicy(developmentContentSecurityPolicy('http://localhost:5173'));
    expect(dev.get('script-src')).toEqual(["'self'", 'http://localhost:5173', "'unsafe-inline'"]);
    expect(dev.get('script-src')).not.toContain("'unsafe-eval'");
    expect(dev.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    expect(dev.get('object-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('localhost');
  });
});
