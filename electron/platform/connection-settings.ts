/**
 * connection.json in the user-data folder: read at start-up, written by the connection
 * settings dialog (then the app restarts). Only node:fs: runs under plain Node in tests.
 * The file holds the mode, the server URL and the CA file's path; never a token or password.
 */
import { X509Certificate } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fail, ok, type Result } from '../../shared/result';
import { parseConnectionSettings, type ConnectionSettings } from './policy/connection';

/** The file's name inside the user-data folder. */
export const CONNECTION_FILE_NAME = 'connection.json';

/** The CA file's text when it is a readable PEM certificate, else a refusal naming `caFile`. */
export function readCaFile(path: string): Result<string> {
  const refuse = (message: string) => fail<string>('VALIDATION_ERROR', message, { field: 'caFile' });
  if (!isAbsolute(path)) return refuse('The CA file must be given with its full path.');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return refuse(`The CA file ${path} cannot be read: check that it exists.`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    return refuse(`The CA file ${path} does not hold a PEM certificate (-----BEGIN CERTIFICATE-----).`);
  }
  try {
    new X509Certificate(text);
  } catch {
    return refuse(`The CA file ${path} holds a certificate that cannot be read.`);
  }
  return ok(text);
}

/** Parses settings and checks their CA file; what both start-up and the dialog's Save use. */
export function validateConnectionSettings(value: unknown): Result<ConnectionSettings> {
  const parsed = parseConnectionSettings(value);
  if (!parsed.ok || parsed.value.mode === 'local' || parsed.value.caFile === undefined) return parsed;
  const ca = readCaFile(parsed.value.caFile);
  return ca.ok ? parsed : ca;
}

/** Start-up: the settings, `{mode:'local'}` when there is no file, or what is wrong with the file. */
export function loadConnectionSettings(userData: string): Result<ConnectionSettings> {
  const path = join(userData, CONNECTION_FILE_NAME);
  if (!existsSync(path)) return ok({ mode: 'local' });
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return fail('VALIDATION_ERROR', `${path} is not valid JSON.`, { field: 'mode' });
  }
  return validateConnectionSettings(value);
}

/**
 * Writes the settings: the whole file replaced at once, so a crash never leaves half of it.
 * The new text is flushed before the rename and the rename after it, so a power cut right
 * after Save leaves either the old settings or the new ones, never an empty file.
 */
export function saveConnectionSettings(userData: string, settings: ConnectionSettings): void {
  const path = join(userData, CONNECTION_FILE_NAME);
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(settings, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  flushFolder(userData);
}

/** Makes a rename inside `folder` durable. Windows cannot open a folder this way, and its NTFS journals renames itself. */
function flushFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
