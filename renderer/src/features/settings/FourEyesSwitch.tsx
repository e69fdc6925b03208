import { useTranslation } from 'react-i18next';
import { SettingSwitchCard } from './SettingSwitchCard';

/** F14: four eyes on or off (admins); what it means, in plain words. */
export function FourEyesSwitch() {
  const { t } = useTranslation();
  return (
    <SettingSwitchCard
      field="fourEyes"
      title={t('fourEyes.title')}
      label={t('fourEyes.label')}
      explain={t('fourEyes.explain')}
      notice={(on) => ({ message: on ? t('fourEyes.on') : t('fourEyes.off') })}
    />
  );
}
