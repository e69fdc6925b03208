/**
 * Mapping app://credit-desk/<path> requests to files of the built renderer. Pure: no
 * 'electron' import. A path that escapes the renderer folder is refused; a path without an
 * extension is a client-side route and gets index.html.
 */
import { extname, join, normalize, sep } from 'node:path';
import { isAppUrl } from './trust';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** A file to answer an app:// request with. */
export interface AppAsset {
  file: string;
  contentType: string;
  isPage: boolean;
}

/** The file for `url` inside `rendererDir`, or undefined (answer 404). */
export function resolveAppAsset(rendererDir: string, url: string): AppAsset | undefined {
  if (!isAppUrl(url)) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const root = normalize(rendererDir);
  const isPage = path === '/' || extname(path) === '';
  const file = isPage ? join(root, 'index.html') : normalize(join(root, path));
  if (!file.startsWith(root + sep)) return undefined;
  const contentType = CONTENT_TYPES[extname(file).toLowerCase()];
  if (contentType === undefined) return undefined;
  return { file, contentType, isPage };
}
