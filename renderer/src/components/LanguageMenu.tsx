import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from '../../../shared/i18n';
import { setLanguage } from '../i18n';

/** The header's language menu: each language named in itself, so anyone can find theirs. */
export function LanguageMenu() {
  const { t, i18n } = useTranslation();
  return (
    <Select
      aria-label={t('app.language')}
      size="sm"
      w={130}
      allowDeselect={false}
      data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
      value={i18n.language}
      onChange={(value) => {
        if (isLanguage(value)) setLanguage(value);
      }}
    />
  );
}
