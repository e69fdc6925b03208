import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './global.css';
import { mergeThemeOverrides, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { App } from './App';
import './i18n';
import { cssVariablesResolver, theme } from './theme';

/** The theme plus the words Mantine draws itself (icon-only close buttons), in the user's language. */
function Root() {
  const { t, i18n } = useTranslation();
  const localized = useMemo(() => {
    const close = { closeButtonProps: { 'aria-label': t('common.close') } };
    return mergeThemeOverrides(theme, {
      components: { Modal: { defaultProps: close }, Notification: { defaultProps: close } },
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the labels change with the language
  }, [t, i18n.language]);
  return (
    <MantineProvider theme={localized} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      <Notifications position="top-right" />
      <App />
    </MantineProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
