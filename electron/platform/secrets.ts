/**
 * Provider credentials in the desktop app: encrypted with Electron's safeStorage (the OS
 * keychain: Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux) and stored only as
 * ciphertext in `<userData>/provider-secrets.json`. Never in the ledger database.
 *
 * main.ts wires it after `app.whenReady()` (safeStorage is not usable before):
 *
 *   const secrets = createSafeStorageSecretStore();
 *   const warning = secrets.warning(); if (warning) log.warn(warning);
 *   const poller = createSyncPoller({ db, secrets, log: consoleLog() });
 *   const router = createRouter({ db, sync: poller });
 *   const stop = new AbortController(); void poller.start(stop.signal);
 *   app.on('before-quit', () => stop.abort());
 */
import { join } from 'node:path';
import { app, safeStorage } from 'electron';
import { EncryptedFileSecretStore, type SecretCipher, type SecretStore } from '../sync/secrets';

/** safeStorage as a {@link SecretCipher}. */
export function safeStorageCipher(): SecretCipher {
  return {
    isAvailable: () => safeStorage.isEncryptionAvailable(),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (cipher) => safeStorage.decryptString(cipher),
    weakness: () => {
      if (process.platform !== 'linux') return null;
      // On Linux without a keyring safeStorage falls back to a hard-coded password: the file is
      // obfuscated, not protected. Staff should know.
      const backend = safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text' || backend === 'unknown') {
        return 'No system keyring was found (GNOME Keyring or KWallet), so credentials are only obfuscated on disk, not encrypted. Install and unlock a keyring, or use environment variables.';
      }
      return null;
    },
  };
}

/** The desktop app's credential store. Call after `app.whenReady()`. */
export function createSafeStorageSecretStore(
  file = join(app.getPath('userData'), 'provider-secrets.json'),
): SecretStore {
  return new EncryptedFileSecretStore(file, safeStorageCipher());
}
