/** Bank amounts: exact decimal strings with the currency's digits, whatever the bank's notation. */
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankAmount, splitSigned } from '../../electron/bank/amount';

describe('bankAmount', () => {
  it.each([
    ['250', 'EUR', '250.00'],
    ['30.0', 'EUR', '30.00'],
    ['0001.5', 'USD', '1.50'],
    ['1000.00', 'JPY', '1000'],
    ['1.25', 'KWD', '1.250'],
    ['0', 'EUR', '0.00'],
  ])('%s %s → %s', (text, currency, expected) => {
    expect(bankAmount(text, currency)).toEqual({ ok: true, amount: expected });
  });

  it.each([
    ['1.005', 'EUR'],
    ['1.5', 'JPY'],
    ['-1', 'EUR'],
    ['1e3', 'EUR'],
    ['1,00', 'EUR'],
    ['', 'EUR'],
    ['1', 'EURO'],
  ])('refuses %s %s rather than rounding or guessing', (text, currency) => {
    expect(bankAmount(text, currency).ok).toBe(false);
  });

  it('is exact for any amount a bank can send (checked against decimal.js)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), fc.nat(4), (cents, zeros) => {
        const text = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}${'0'.repeat(zeros)}`;
        const parsed = bankAmount(text, 'EUR');
        expect(parsed.ok && new Decimal(parsed.amount).eq(new Decimal(text))).toBe(true);
        expect(parsed.ok && /^\d+\.\d{2}$/.test(parsed.amount)).toBe(true);
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});

describe('splitSigned', () => {
  it.each([
    ['1.234,56', ',', '.', false, '1234.56'],
    ['-1.234.567,89', ',', '.', true, '1234567.89'],
    ['1 234,56', ',', ' ', false, '1234.56'],
    ['1\u00a0234,56', ',', ' ', false, '1234.56'],
    ["1'234.50", '.', "'", false, '1234.50'],
    ['(12.00)', '.', ',', true, '12.00'],
    ['12,00-', ',', '', true, '12.00'],
    ['\u22125', '.', '', true, '5'],
    ['+3', '.', '', false, '3'],
    ['EUR 12,00', ',', '', false, '12.00'],
    ['€12.00', '.', '', false, '12.00'],
    ['-$1,250.00', '.', ',', true, '1250.00'],
  ] as const)('%s (decimal %s, thousands %s)', (raw, decimal, thousands, negative, digits) => {
    expect(splitSigned(raw, decimal, thousands)).toEqual({ negative, digits });
  });

  it.each([
    ['1.234,56', '.', ''],
    ['12,5', '.', ''],
    ['abc', '.', ''],
    ['1 234', '.', ''],
    ['', '.', ''],
  ] as const)('refuses %s with decimal %s', (raw, decimal, thousands) => {
    expect(splitSigned(raw, decimal, thousands)).toBeNull();
  });
});
