/**
 * The message catalogues (F17), shared by the renderer (screens) and the main process
 * (statements, CSV headers). Plain data only: no DOM or Node types, so both sides import it.
 * Keys are nested by area; plurals use i18next's CLDR suffixes (`_zero`, `_one`, `_other`),
 * chosen through Intl.PluralRules, which gives Latvian its three forms.
 */
import { en } from './en';
import { lv } from './lv';

/** The languages that ship. */
export const LANGUAGES = ['en', 'lv'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A catalogue: nested objects whose leaves are message strings. */
export interface Catalogue {
  [key: string]: string | Catalogue;
}

export const CATALOGUES: Record<Language, Catalogue> = { en, lv };

/** Each language's own name, shown in the language menu in that language. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', lv: 'Latviešu' };

/** The Intl locale a language formats numbers, money and dates with. */
export const LOCALES: Record<Language, string> = { en: 'en-US', lv: 'lv-LV' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The first supported language among BCP 47 tags ("lv-LV", "en-GB"), else English. */
export function pickLanguage(tags: readonly string[]): Language {
  for (const tag of tags) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** A message by dotted key with `{{name}}` placeholders, for code that runs without i18next. */
export function message(language: Language, key: string, values: Record<string, string | number> = {}): string {
  const find = (catalogue: Catalogue): string | undefined => {
    let node: string | Catalogue | undefined = catalogue;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    return typeof node === 'string' ? node : undefined;
  };
  const text = find(CATALOGUES[language]) ?? find(en) ?? key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (all, name: string) =>
    values[name] === undefined ? all : String(values[name]),
  );
}
