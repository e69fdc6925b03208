/**
 * F17 "errors in the user's language": every error code the API can send, as the renderer
 * words it (`errorText`), in Latvian: no English sentence, no unfilled {{placeholder}}, no
 * raw field identifier, and credit counts in their plural form.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/result';

// The renderer's i18n module reads the stored language and sets <html lang>: a minimal stand-in.
let stored = 'lv';
Object.assign(globalThis, {
  window: { localStorage: { getItem: () => stored, setItem: (_k: string, v: string) => (stored = v) } },
  document: { documentElement: {} },
});

interface UiError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}
type T = (key: string, options?: Record<string, unknown>) => string;
// Loaded by URL: the tests' tsconfig does not compile the renderer's JSX (the renderer's own does).
let errorText: (error: UiError, t: T, language: string) => string;
let i18nModule: { setLanguage(language: 'en' | 'lv'): void; t: T };

beforeAll(async () => {
  i18nModule = (await import(new URL('../../renderer/src/i18n.ts', import.meta.url).href)) as typeof i18nModule;
  ({ errorText } = (await import(new URL('../../renderer/src/components/ErrorAlert.tsx', import.meta.url).href)) as {
    errorText: typeof errorText;
  });
});

const lv = (error: UiError) => {
  i18nModule.setLanguage('lv');
  return errorText(error, i18nModule.t, 'lv');
};

describe('errorText in Latvian', () => {
  it('words every error code in Latvian, with or without details', () => {
    for (const code of [...ERROR_CODES, 'UNAVAILABLE' as const]) {
      const text = lv({ code, message: 'An English sentence from the API.' });
      expect(text, code).not.toContain('English');
      expect(text, code).not.toMatch(/\{\{|\}\}/);
      expect(text, code).toMatch(/[āčēģīķļņšūž]|Credit Desk/);
    }
  });

  it('puts credit counts in their plural form and case', () => {
    const one = lv({ code: 'INSUFFICIENT_CREDITS', message: 'x', details: { needed: 21, available: 1 } });
    expect(one).toBe('Vajag 21 kredītu, bet klienta atlikums ir tikai 1.');
    const many = lv({ code: 'INSUFFICIENT_CREDITS', message: 'x', details: { needed: 36, available: 10 } });
    expect(many).toBe('Vajag 36 kredītus, bet klienta atlikums ir tikai 10.');
  });

  it('names a field in Latvian, never by its identifier', () => {
    expect(lv({ code: 'VALIDATION_ERROR', message: 'x', details: { field: 'amount' } })).toBe(
      'Pārbaudiet lauka “Summa” vērtību.',
    );
    for (const field of ['', 'note', 'method', 'providerPaymentId', 'csvAccountId', 'items.0.amount']) {
      const text = lv({ code: 'VALIDATION_ERROR', message: 'x', details: { field } });
      expect(text, field).not.toContain('“”');
      expect(text, field).not.toMatch(/[a-z][A-Z]|\.0\.|“(note|method)”/);
    }
  });
});
