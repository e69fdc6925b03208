/**
 * Every channel name of the contract as a plain literal list, with no zod behind it. The
 * Electron preload builds `window.api` from this list: a sandboxed preload is one bundle, and
 * importing contract.ts there would pull the whole schema library into every window.
 *
 * The list is checked against the contract at compile time, both ways: a name that is not a
 * channel fails `satisfies`, and a channel missing here fails `_EveryChannelListed` with the
 * missing name in the error. Adding a channel to contract.ts therefore means adding it here.
 */
import type { Channel } from './contract';

/** Every channel of the contract, in contract order. */
export const CHANNEL_NAMES = [
  'settings.get',
  'settings.update',
  'clients.create',
  'clients.update',
  'clients.get',
  'clients.list',
  'packages.create',
  'packages.update',
  'packages.archive',
  'packages.unarchive',
  'packages.list',
  'rates.set',
  'rates.deactivate',
  'rates.list',
  'rates.quote',
  'purchases.record',
  'requests.submit',
  'requests.accept',
  'requests.reject',
  'requests.list',
  'services.create',
  'services.update',
  'services.list',
  'services.buyWithCredits',
  'invoices.create',
  'invoices.list',
  'invoices.void',
  'invoices.payWithCredits',
  'transactions.list',
  'transactions.adjust',
  'ledger.verify',
  'overview.get',
  'audit.list',
  'statements.get',
  'statements.export',
  'ledger.export',
  'requests.export',
  'exports.progress',
  'backup.create',
  'backup.list',
  'backup.restore',
  'sync.status',
  'sync.run',
  'sync.configure',
  'sync.unmatched.list',
  'sync.unmatched.resolve',
  'sync.unmatched.dismiss',
  'sync.review.list',
  'sync.review.resolve',
  'auth.login',
  'auth.logout',
  'auth.me',
  'auth.changePassword',
  'users.create',
  'users.list',
  'users.update',
  'users.setPassword',
  'bank.import',
  'bank.transactions.list',
  'bank.match.confirm',
  'bank.match.ignore',
  'bank.csvMappings.save',
  'bank.csvMappings.list',
  'bank.csvPreview',
] as const satisfies readonly Channel[];

/** A channel named in {@link CHANNEL_NAMES}; equal to `Channel` (checked below). */
export type ChannelName = (typeof CHANNEL_NAMES)[number];

// Compile-time only: a channel missing above fails here with
// "Type '<missing channel>' does not satisfy the constraint 'never'".
type AssertNone<T extends never> = T;
type _EveryChannelListed = AssertNone<Exclude<Channel, ChannelName>>;
