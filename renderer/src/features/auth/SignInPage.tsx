/**
 * The team server's sign-in screen (PRODUCT F14). A wrong password and an unknown username get
 * the same sentence (the server answers them alike, and so does the screen); a locked sign-in
 * says so, with the time it opens again.
 */
import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { connectedServer, type UiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LanguageMenu } from '../../components/LanguageMenu';
import { time } from '../../lib/format';
import { useSession } from '../../stores/session.store';
import { ConnectionButton } from '../connection/ConnectionDialog';

/** The refusal in words for this screen: locked, wrong, or (a lost connection) the usual alert. */
function SignInRefusal({ error }: { error: UiError }) {
  const { t } = useTranslation();
  if (error.code !== 'UNAUTHENTICATED') return <ErrorAlert error={error} />;
  const until = error.details?.lockedUntil;
  return (
    <Alert color="red" variant="light" role="alert" title={t('signIn.refusedTitle')}>
      <Text size="sm">{typeof until === 'string' ? t('signIn.locked', { time: time(until) }) : t('signIn.wrong')}</Text>
    </Alert>
  );
}

export function SignInPage() {
  const { t } = useTranslation();
  const signIn = useSession((s) => s.signIn);
  const ended = useSession((s) => s.ended);
  // A desktop connected to a team server that could not be reached when it started.
  const problem = useSession((s) => s.problem);
  const server = connectedServer();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const passwordField = useRef<HTMLInputElement>(null);

  async function submit() {
    if (pending) return;
    setPending(true);
    setError(null);
    const refused = await signIn(username, password);
    setPending(false);
    if (refused !== null) {
      setError(refused);
      setPassword('');
      passwordField.current?.focus();
    }
  }

  return (
    <main>
      <Center mih="100vh" p="md">
        <Paper withBorder shadow="sm" p="xl" radius="md" w={380} maw="100%">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
            aria-labelledby="sign-in-title"
          >
            <Stack>
              <Group justify="space-between" wrap="nowrap">
                <Text fw={700}>Credit Desk</Text>
                <LanguageMenu />
              </Group>
              <Title order={1} size="h3" id="sign-in-title">
                {t('signIn.title')}
              </Title>
              {ended && error === null && (
                <Alert color="yellow" variant="light" role="status">
                  <Text size="sm">{t('signIn.ended')}</Text>
                </Alert>
              )}
              <TextInput
                label={t('signIn.username')}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                data-autofocus
                autoFocus
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
              />
              <PasswordInput
                ref={passwordField}
                label={t('signIn.password')}
                autoComplete="current-password"
                visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              {error !== null && <SignInRefusal error={error} />}
              {error === null && problem !== null && <ErrorAlert error={problem} />}
              <Button type="submit" loading={pending} disabled={username.trim() === '' || password === ''}>
                {t('signIn.submit')}
              </Button>
            </Stack>
          </form>
          {/* The desktop app: which server this is, and the way to another one or back to this computer's ledger. */}
          {server !== null && (
            <Group justify="space-between" wrap="nowrap" gap="xs" mt="md">
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {t('connection.connectedTo', { server })}
              </Text>
              <Box style={{ flexShrink: 0 }}>
                <ConnectionButton />
              </Box>
            </Group>
          )}
        </Paper>
      </Center>
    </main>
  );
}
