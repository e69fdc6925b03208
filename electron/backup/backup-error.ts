/** A backup that failed verification, or a file that is not a usable backup; the message is for the user. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}
