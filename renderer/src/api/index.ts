export { call, getBridge, newIdempotencyKey, whenSessionEnds, type Outcome, type UiError } from './client';
export { isServerMode, storedToken, storeToken } from './server-mode';
export { connectedServer, desktop } from './desktop';
