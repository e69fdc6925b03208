// Builds the renderer and the browser-mode bundle once for the whole run; every test then starts
// browser mode from the bundle (scripts/door.mjs) with --no-build.
import { execFileSync } from 'node:child_process';

// eslint-disable-next-line no-restricted-syntax -- Playwright loads global setup as the default export
export default function globalSetup(): void {
  execFileSync('npm', ['run', '--silent', 'build:renderer'], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(process.execPath, ['scripts/door.mjs', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
