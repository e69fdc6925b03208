// Builds the renderer once for the whole run; every test then starts browser mode with --no-build.
import { execFileSync } from 'node:child_process';

export default function globalSetup(): void {
  execFileSync('npm', ['run', '--silent', 'build:renderer'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
