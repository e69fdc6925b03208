import { useTranslation } from 'react-i18next';
import { SettingSwitchCard } from './SettingSwitchCard';

/** F1: the global switch, with what it does in plain words. */
export function CreditPaymentsSwitch() {
  const { t } = useTranslation();
  return (
    <SettingSwitchCard
      field="creditPaymentsEnabled"
      title={t('switch.title')}
      label={t('switch.title')}
      description={(on) => (on ? t('switch.on') : t('switch.off'))}
      explain={t('switch.explain')}
      notice={(on) => ({
        title: on ? t('app.creditPaymentsAllowed') : t('app.creditPaymentsOffLong'),
        message: on ? t('switch.onText') : t('switch.offText'),
      })}
    />
  );
}
