/**
 * The connected desktop's one allowed piece of network: the team server's origin. Pure: no
 * 'electron' import.
 *
 * A request may leave only when its scheme, host and port are exactly the server's and it
 * carries no user name or password: `https://server.example.com.evil.test/`,
 * `https://server.example.com@evil.test/`, another port, or http for an https server are all
 * refused.
 */

/** The origin (scheme://host[:port]) of a server URL the connection settings accepted. */
export function serverOriginOf(serverUrl: string): string {
  return new URL(serverUrl).origin;
}

/** May a request to `url` go out, when the desktop is connected to `serverOrigin`? */
export function isServerRequest(url: string, serverOrigin: string): boolean {
  let parsed: URL;
  let server: URL;
  try {
    parsed = new URL(url);
    server = new URL(serverOrigin);
  } catch {
    return false;
  }
  return (
    (server.protocol === 'https:' || server.protocol === 'http:') &&
    parsed.protocol === server.protocol &&
    parsed.hostname === server.hostname &&
    parsed.port === server.port &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * The request headers with any Origin header removed: the team server refuses requests that
 * carry a foreign Origin, and the app's calls come from the main process, not from a page.
 */
export function withoutOrigin(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'origin'));
}
