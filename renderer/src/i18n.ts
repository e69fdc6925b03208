/**
 * i18next for the screens (F17). The language is the user's choice from the header menu,
 * kept in localStorage (per user once users exist), else the browser's/system's languages.
 * Catalogues are bundled (shared/i18n), so initialisation is synchronous: the first render is
 * already in the right language.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { CATALOGUES, isLanguage, LANGUAGES, LOCALES, pickLanguage, type Language } from '../../shared/i18n';

const STORAGE_KEY = 'credit-desk.language';

function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null; // storage may be disabled; fall back to the system's language
  }
}

function initialLanguage(): Language {
  return storedLanguage() ?? pickLanguage(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: CATALOGUES[l] }])),
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
  returnNull: false,
});

document.documentElement.lang = i18n.language;

/** The language the screens are in. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'en';
}

/** The Intl locale of the current language ("lv-LV"). */
export function currentLocale(): string {
  return LOCALES[currentLanguage()];
}

/** Switches the screens' language and remembers the choice. */
export function setLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered, but still switched
  }
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

/** A message outside React (labels built in plain functions). */
export const t = i18n.t.bind(i18n);
