import { Card, Select, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '../../../../shared/i18n';
import { newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../lib/useAction';
import { useSettings } from '../../stores/settings.store';
import { useCan } from '../../lib/useCan';

/**
 * The agency's language for statements (F17): PDF, print view and CSV headers are written in
 * it, whatever language each member of staff reads the screens in.
 */
export function StatementLanguage() {
  const { t } = useTranslation();
  const settings = useSettings((s) => s.settings);
  const update = useSettings((s) => s.update);
  const action = useAction();
  const can = useCan('settings.update');
  async function choose(language: Language) {
    const result = await action.run(() => update({ language }, newIdempotencyKey()));
    if (result?.ok) {
      notifications.show({
        color: 'teal',
        message: t('statementPage.languageSaved', { language: LANGUAGE_NAMES[language] }),
      });
    }
  }
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('statementPage.language')}
        </Title>
        <Select
          label={t('statementPage.language')}
          description={t('statementPage.languageHint')}
          allowDeselect={false}
          data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
          value={settings?.language ?? null}
          disabled={settings === null || action.pending || !can.allowed}
          onChange={(value) => {
            if (isLanguage(value)) void choose(value);
          }}
          maw={320}
        />
        <ErrorAlert error={action.error} />
      </Stack>
    </Card>
  );
}
