/**
 * The masking rule every door applies to what it prints: a URL's password (in the user part or a
 * `password=` parameter, raw or percent-encoded) never survives `maskSecrets`.
 */
import { expect, it } from 'vitest';
import { maskSecrets } from '../../electron/db/location';

it('masks every PostgreSQL URL in a message and every occurrence of the --db password', () => {
  const url = 'postgres://ana:p%40ss-W0rd@db.example:5432/ledger';
  const text = `could not open ${url}; the server said: password "p@ss-W0rd" and p%40ss-W0rd were refused`;
  const masked = maskSecrets(text, url);
  expect(masked).toContain('postgres://ana:***@db.example:5432/ledger');
  expect(masked).not.toContain('p@ss-W0rd');
  expect(masked).not.toContain('p%40ss-W0rd');
});

it('masks a password given as a parameter, and leaves text without one alone', () => {
  const url = 'postgresql://db.example/ledger?user=ana&password=Sekr3t-9';
  expect(maskSecrets(`refused: ${url} (Sekr3t-9)`, url)).toBe(
    'refused: postgresql://db.example/ledger?user=ana&password=*** (***)',
  );
  expect(maskSecrets('ledger.db is not a Credit Desk database', 'ledger.db')).toBe(
    'ledger.db is not a Credit Desk database',
  );
});
