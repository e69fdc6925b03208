/**
 * The shape of `window.api`, the bridge the preload exposes in the desktop app: exactly one
 * function per contract channel, nothing else. In browser mode the renderer's HTTP client
 * implements the same type, so screens never know which door they use.
 */
import type { Channel, Input, Output } from './contract';
import type { Result } from './result';

/** One async function per channel, resolving to the channel's Result. */
export type Bridge = { [C in Channel]: (input: Input<C>) => Promise<Result<Output<C>>> };
