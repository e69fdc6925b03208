import { Select } from '@mantine/core';
import { useEffect, useState } from 'react';
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
      placeholder="Search clients"
      searchable
      required={props.required}
      autoFocus={props.autoFocus}
      data={clients.map((c) => ({ value: String(c.id), label: c.name, balance: c.balance }))}
      value={props.value === null ? null : String(props.value)}
      onChange={(value) => props.onChange(value === null ? null : Number(value))}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage="No client matches"
      renderOption={({ option }) => {
        const c = clients.find((x) => String(x.id) === option.value);
        return (
          <span style={{ display: 'flex', justifyContent: 'space-between', width: '100%', gap: 12 }}>
            <span>{option.label}</span>
            {c && <span style={{ opacity: 0.7 }}>{credits(c.balance)} cr</span>}
          </span>
        );
      }}
    />
  );
}
