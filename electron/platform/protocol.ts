/**
 * Serves the built renderer as app://credit-desk/ — a standard, secure scheme of our own
 * rather than file:// — and puts the Content-Security-Policy on every page response.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { resolveAppAsset } from './policy/app-protocol';
import { APP_SCHEME } from './policy/trust';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Answers app:// requests from `rendererDir`; call once the app is ready. */
export function serveRenderer(rendererDir: string, contentSecurityPolicy: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const asset = resolveAppAsset(rendererDir, request.url);
    if (asset === undefined) return new Response('Not found', { status: 404 });
    let body: Buffer;
    try {
      body = await readFile(asset.file);
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const headers: Record<string, string> = {
      'content-type': asset.contentType,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    };
    if (asset.isPage) {
      headers['content-security-policy'] = contentSecurityPolicy;
      headers['referrer-policy'] = 'no-referrer';
    }
    return new Response(new Uint8Array(body), { status: 200, headers });
  });
}
