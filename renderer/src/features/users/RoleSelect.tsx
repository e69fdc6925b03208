import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isRole, ROLES, type Role } from '../../../../shared/roles';

/** A role, least powerful first, each with what it adds in plain words. */
export function RoleSelect(props: { label: string; value: Role; onChange: (role: Role) => void; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <Select
      label={props.label}
      required
      allowDeselect={false}
      data-autofocus={props.autoFocus ? true : undefined}
      data={ROLES.map((r) => ({ value: r, label: t(`roles.name.${r}`) }))}
      value={props.value}
      description={t(`roles.what.${props.value}`)}
      onChange={(value) => {
        if (isRole(value)) props.onChange(value);
      }}
    />
  );
}
