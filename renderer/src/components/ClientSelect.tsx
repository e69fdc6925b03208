import { Select } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../shared/dto';
import { call } from '../api';
import { credits } from '../lib/format';
import { useClientNames } from '../stores/clients.store';

/** Picks a client, searching on the server as the user types (the list may be long). */
export function ClientSelect(props: {
  label: string;
  value: number | null;
  onChange: (clientId: number | null) => void;
  required?: boolean;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [clients, setClients] = useState<Client[]>([]);
  const remember = useClientNames((s) => s.remember);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(async () => {
      const selectedName = clients.find((c) => c.id === props.value)?.name;
      const query = search === selectedName ? '' : search;
      const result = await call('clients.list', { query: query === '' ? undefined : query, limit: 50 });
      if (live && result.ok) {
        setClients((previous) => {
          const selected = previous.find((c) => c.id === props.value);
          const items = result.value.items;
          return selected && !items.some((c) => c.id === selected.id) ? [selected, ...items] : items;
        });
        remember(result.value.items);
      }
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refetch only when the search text changes
  }, [search]);
  return (
    <Select
      label={props.label}
      placeholder={t('common.searchClients')}
      searchable
      required={props.required}
      autoFocus={props.autoFocus}
      // Mantine's dialogs put the first focus on [data-autofocus].
      data-autofocus={props.autoFocus === true ? true : undefined}
      data={clients.map((c) => ({ value: String(c.id), label: c.name, balance: c.balance }))}
      value={props.value === null ? null : String(props.value)}
      onChange={(value) => props.onChange(value === null ? null : Number(value))}
      searchValue={search}
      onSearchChange={setSearch}
      // The server already searched. At most 8 options: the list never scrolls, so nothing in it is
      // out of the keyboard's reach (axe: scrollable-region-focusable); typing narrows it.
      filter={({ options }) => options.slice(0, 8)}
      maxDropdownHeight={400}
      nothingFoundMessage={t('common.noClientMatches')}
      renderOption={({ option }) => {
        const c = clients.find((x) => String(x.id) === option.value);
        return (
          <span style={{ display: 'flex', justifyContent: 'space-between', width: '100%', gap: 12 }}>
            <span>{option.label}</span>
            {c && <span>{t('common.creditsShort', { value: credits(c.balance) })}</span>}
          </span>
        );
      }}
    />
  );
}
