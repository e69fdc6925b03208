/**
 * The Content-Security-Policy of the app's page, in one place for both doors: the Electron
 * window (set on every app:// response) and browser mode (electron/ipc/http.ts).
 * Pure: no 'electron' import, so it is unit-tested under plain Node.
 */

const BASE_DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  // Scripts only from our own bundle: no inline scripts, no eval, no remote code.
  ['script-src', "'self'"],
  // Mantine sets element styles at run time; styles cannot run code.
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['worker-src', "'none'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-src', "'none'"],
  ['frame-ancestors', "'none'"],
];

function render(directives: readonly (readonly [string, string])[]): string {
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** The policy served with the app's page, in production and in browser mode. */
export const CONTENT_SECURITY_POLICY = render(BASE_DIRECTIVES);

/**
 * The policy for `electron-vite dev` only (a Vite dev server, never in a packaged app): Vite's
 * React refresh preamble is an inline module script and HMR talks over a WebSocket to the dev
 * server. main.ts uses it only when the app is not packaged and ELECTRON_RENDERER_URL is set.
 */
export function developmentContentSecurityPolicy(devServerOrigin: string): string {
  const ws = devServerOrigin.replace(/^http/, 'ws');
  return render(
    BASE_DIRECTIVES.map(([name, value]): [string, string] => {
      if (name === 'script-src') return [name, `${value} ${devServerOrigin} 'unsafe-inline'`];
      if (name === 'connect-src') return [name, `${value} ${devServerOrigin} ${ws}`];
      return [name, value];
    }),
  );
}

/** Parses a policy into directive → sources (for tests and checks). */
export function parseContentSecurityPolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name !== undefined && name !== '') directives.set(name.toLowerCase(), sources);
  }
  return directives;
}
