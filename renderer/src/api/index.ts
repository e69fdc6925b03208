export { call, getBridge, newIdempotencyKey, type Outcome, type UiError } from './client';
