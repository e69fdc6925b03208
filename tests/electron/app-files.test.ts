import { describe, expect, it } from 'vitest';
import { join, sep } from 'node:path';
import { resolveAppAsset } from '../../electron/platform/policy/app-protocol';
import { appPaths, asarUnpacked } from '../../electron/platform/policy/paths';

describe('app:// requests', () => {
  const root = join(sep, 'opt', 'credit-desk', 'out', 'renderer');

  it('serves the page and its assets from the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://credit-desk/index.html')).toEqual({
      file: join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
      isPage: false,
    });
    expect(resolveAppAsset(root, 'app://credit-desk/assets/index-abc.js')?.file).toBe(
      join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppAsset(root, 'app://credit-desk/assets/index-abc.js')?.contentType).toMatch(/^text\/javascript/);
  });

  it('answers client-side routes with index.html', () => {
    for (const url of ['app://credit-desk/', 'app://credit-desk/clients/7', 'app://credit-desk/settings?tab=rates']) {
      expect(resolveAppAsset(root, url)).toMatchObject({ file: join(root, 'index.html'), isPage: true });
    }
  });

  it('keeps dot segments inside the renderer folder', () => {
    // The URL parser resolves literal dot segments before we see the path.
    expect(resolveAppAsset(root, 'app://credit-desk/../../etc/passwd.js')?.file).toBe(join(root, 'etc', 'passwd.js'));
    expect(resolveAppAsset(root, 'app://credit-desk/%2e%2e/%2e%2e/main/index.js')?.file).toBe(
      join(root, 'main', 'index.js'),
    );
  });

  it('refuses paths outside the renderer folder, other hosts and unknown file types', () => {
    for (const url of [
      'app://credit-desk/..%2f..%2fmain%2findex.js',
      'app://credit-desk/assets/%00.js',
      'app://other/index.html',
      'file:///opt/credit-desk/out/renderer/index.html',
      'app://credit-desk/credit-desk.db',
      'app://credit-desk/%E0%A4%A.js',
    ]) {
      expect(resolveAppAsset(root, url), url).toBeUndefined();
    }
  });
});

describe('app paths', () => {
  it('puts the ledger in the user-data folder and finds the build beside out/main', () => {
    const paths = appPaths({ userData: '/home/alice/.config/Credit Desk', mainDir: '/repo/out/main' });
    expect(paths.database).toBe(join('/home/alice/.config/Credit Desk', 'credit-desk.db'));
    expect(paths.preload).toBe(join('/repo/out/preload/index.cjs'));
    expect(paths.renderer).toBe(join('/repo/out/renderer'));
    expect(paths.nativeBinding).toBe(join('/repo/out/native/electron/better_sqlite3.node'));
    expect(paths.resources).toBe(join('/repo/resources'));
  });

  it('loads the native addon from app.asar.unpacked in a packaged app', () => {
    const paths = appPaths({
      userData: '/u',
      mainDir: '/opt/Credit Desk/resources/app.asar/out/main',
      packagedResourcesPath: '/opt/Credit Desk/resources',
    });
    expect(paths.nativeBinding).toBe(
      '/opt/Credit Desk/resources/app.asar.unpacked/out/native/electron/better_sqlite3.node',
    );
    expect(paths.preload).toBe('/opt/Credit Desk/resources/app.asar/out/preload/index.cjs');
    expect(paths.resources).toBe(join('/opt/Credit Desk/resources/resources'));
    expect(asarUnpacked('C:\\Program Files\\Credit Desk\\resources\\app.asar\\out\\x.node')).toBe(
      'C:\\Program Files\\Credit Desk\\resources\\app.asar.unpacked\\out\\x.node',
    );
    expect(asarUnpacked('/srv/app.asar.unpacked/x.node')).toBe('/srv/app.asar.unpacked/x.node');
  });

  it('honours an explicit native build (development only; main.ts decides)', () => {
    const paths = appPaths({ userData: '/u', mainDir: '/repo/out/main', nativeBindingOverride: '/builds/e.node' });
    expect(paths.nativeBinding).toBe('/builds/e.node');
  });
});
