import { describe, expect, it } from 'vitest';
import { mainWindowOptions, secureWebPreferences } from '../../electron/platform/policy/window-options';

describe('main window options', () => {
  const options = mainWindowOptions({ preload: '/app/out/preload/index.cjs', devTools: false });
  const prefs = options.webPreferences!;

  it('keeps every hardening flag', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('loads the CommonJS preload (an ESM preload would need sandbox: false)', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(prefs.preload).toMatch(/\.cjs$/);
  });

  it('turns developer tools on only when asked (development)', () => {
    expect(prefs.devTools).toBe(false);
    expect(secureWebPreferences({ preload: 'p.cjs', devTools: true }).devTools).toBe(true);
  });

  it('starts hidden (shown on ready-to-show) and names the app', () => {
    expect(options.show).toBe(false);
    expect(options.title).toBe('Credit Desk');
  });

  it('sets nothing that loosens the renderer', () => {
    const loosening = ['enableBlinkFeatures', 'additionalArguments', 'preloadURL', 'partition'];
    for (const key of loosening) expect(prefs).not.toHaveProperty(key);
  });

  it('passes the preload the connection arguments only, and keeps every other flag', () => {
    const connected = secureWebPreferences({
      preload: 'p.cjs',
      devTools: false,
      connectionArguments: ['--credit-desk-connection=server', '--credit-desk-server=https://desk.example.com/'],
    });
    expect(connected.additionalArguments).toEqual([
      '--credit-desk-connection=server',
      '--credit-desk-server=https://desk.example.com/',
    ]);
    const { additionalArguments: _added, ...rest } = connected;
    expect(rest).toEqual(secureWebPreferences({ preload: 'p.cjs', devTools: false }));
    expect(() =>
      secureWebPreferences({ preload: 'p.cjs', devTools: false, connectionArguments: ['--no-sandbox'] }),
    ).toThrow(/--no-sandbox/);
  });

  it('turns off middle-click (Auxclick): a link can never open a window behind the page', () => {
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
  });

  it('has exactly the reviewed set of web preferences (a new one needs a test)', () => {
    expect(Object.keys(prefs).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'devTools',
        'disableBlinkFeatures',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'safeDialogs',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });
});
