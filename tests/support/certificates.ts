/**
 * Throw-away certificates for tests, made with the `openssl` command: a self-signed server
 * certificate, a certificate authority, and server certificates that authority signs. Each
 * key is P-256 (fast to make); everything lands in `dir`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** True when the `openssl` command is installed. */
export const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

/** A certificate and its key, as files and as PEM text. */
export interface MadeCertificate {
  cert: string;
  key: string;
  pem: string;
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** `host` as a subjectAltName entry: IP:… for an address, DNS:… for a name. */
function altName(host: string): string {
  return /^[\d.]+$/.test(host) || host.includes(':') ? `IP:${host}` : `DNS:${host}`;
}

function made(cert: string, key: string): MadeCertificate {
  return { cert, key, pem: readFileSync(cert, 'utf8') };
}

/** `openssl req`'s arguments for a new, unencrypted P-256 key. */
const NEW_P256_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A new P-256 key, and the self-signed certificate `openssl req -x509` makes with it. */
function selfSignedWith(dir: string, name: string, subject: string, days: number, extensions: string[]) {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}.key`);
  openssl([
    'req',
    '-x509',
    ...NEW_P256_KEY,
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    String(days),
    '-subj',
    subject,
    ...extensions.flatMap((e) => ['-addext', e]),
  ]);
  return made(cert, key);
}

/** A self-signed server certificate for `host`, valid for `days` (1 by default). */
export function selfSigned(dir: string, name: string, host: string, days = 1): MadeCertificate {
  return selfSignedWith(dir, name, `/CN=${host}`, days, [`subjectAltName=${altName(host)}`]);
}

/** A certificate authority (basicConstraints CA:TRUE) named `name`. */
export function certificateAuthority(dir: string, name: string): MadeCertificate {
  return selfSignedWith(dir, name, `/CN=${name}`, 2, [
    'basicConstraints=critical,CA:TRUE',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
}

/**
 * A server certificate for `host` signed by `ca`. `expired` back-dates it so that it ended
 * yesterday (openssl x509 -not_before/-not_after need OpenSSL 3.4; `ca -startdate` works everywhere).
 */
export function signedBy(
  dir: string,
  name: string,
  host: string,
  ca: MadeCertificate,
  options: { expired?: boolean } = {},
): MadeCertificate {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const ext = join(dir, `${name}.ext`);
  openssl(['req', '-new', ...NEW_P256_KEY, '-keyout', key, '-out', csr, '-subj', `/CN=${host}`]);
  writeFileSync(ext, `subjectAltName=${altName(host)}\nbasicConstraints=CA:FALSE\n`);
  if (options.expired === true) {
    // A minimal `openssl ca` set-up: the only tool that sets both dates on every OpenSSL 3.
    const db = join(dir, `${name}.index`);
    writeFileSync(db, '');
    const config = join(dir, `${name}.cnf`);
    writeFileSync(
      config,
      [
        '[ca]',
        'default_ca = test',
        '[test]',
        `database = ${db}`,
        `new_certs_dir = ${dir}`,
        'default_md = sha256',
        'policy = any',
        'rand_serial = yes',
        'copy_extensions = none',
        '[any]',
        'commonName = supplied',
      ].join('\n'),
    );
    const day = (offset: number) => {
      const d = new Date(Date.now() + offset * 86_400_000);
      return `${d.toISOString().slice(0, 10).replaceAll('-', '')}000000Z`;
    };
    openssl([
      'ca',
      '-batch',
      '-config',
      config,
      '-cert',
      ca.cert,
      '-keyfile',
      ca.key,
      '-in',
      csr,
      '-out',
      cert,
      '-startdate',
      day(-3),
      '-enddate',
      day(-1),
      '-extfile',
      ext,
      '-notext',
    ]);
  } else {
    openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      ca.cert,
      '-CAkey',
      ca.key,
      '-CAcreateserial',
      '-out',
      cert,
      '-days',
      '1',
      '-extfile',
      ext,
    ]);
  }
  return made(cert, key);
}
