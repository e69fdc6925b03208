/**
 * The main half of the Electron IPC door: one `ipcMain.handle` on {@link IPC_CALL} taking
 * (channel, input), registered once. Every call first checks its sender — our own page in the
 * top frame of our own window — then goes to the same router as every other door, which
 * validates the input. Only types come from 'electron': main.ts passes `ipcMain` in, so this
 * runs under plain Node in tests.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { ServerUnreachableError } from '../remote/forward';
import type { Router } from './router';
import { IPC_CALL } from './electron-bridge';

/** What {@link registerIpcDoor} needs. */
export interface IpcDoorOptions {
  router: Router;
  /** Recorded on every ledger entry and audit row: the operating-system user. */
  actor: string;
  /** The sender check (main.ts: own window, own page URL, top frame). */
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  /** Told about refused senders and failed calls (main.ts: the console). */
  log?: (message: string) => void;
}

/** Thrown back to an untrusted sender: it gets no Result, only a rejected promise. */
export class UntrustedSenderError extends Error {
  override readonly name = 'UntrustedSenderError';
}

/** Registers the door; returns a function that removes it (on quit). */
export function registerIpcDoor(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  options: IpcDoorOptions,
): () => void {
  const log = options.log ?? ((message: string) => console.error(message));
  ipcMain.handle(IPC_CALL, async (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => {
    if (!options.isTrustedSender(event)) {
      log(`credit-desk: refused an API call from ${event.senderFrame?.url ?? 'a frame that is gone'}`);
      throw new UntrustedSenderError('Refused: only the Credit Desk window may use the ledger.');
    }
    if (typeof channel !== 'string') {
      throw new TypeError('The API channel must be a string.');
    }
    try {
      return await options.router.call(channel, input, { actor: options.actor });
    } catch (error) {
      // The connected desktop's server is down or untrusted: the page is told which and why.
      if (error instanceof ServerUnreachableError) {
        log(`credit-desk: ${channel}: ${error.message}`);
        throw new Error(error.message);
      }
      // A bug, not a refusal (refusals come back as {ok:false}); the page sees a rejected call.
      log(`credit-desk: ${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw new Error(`${channel} failed unexpectedly; the details are in the application log.`);
    }
  });
  return () => ipcMain.removeHandler(IPC_CALL);
}

/**
 * The sender check main.ts uses: the event must come from our own window's web contents, from
 * a frame that still exists, is the top frame, and shows our page (see isTrustedSender).
 */
export function createSenderCheck(
  ownWebContents: () => unknown,
  isTrustedUrl: (url: string, isTopFrame: boolean) => boolean,
): (event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>) => boolean {
  return (event) => {
    const own = ownWebContents();
    const frame = event.senderFrame;
    if (own === undefined || event.sender !== own || frame === null || frame === undefined) return false;
    return isTrustedUrl(frame.url, frame.parent === null);
  };
}
