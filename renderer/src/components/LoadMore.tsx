import { Button, Group } from '@mantine/core';

/** The next keyset page of a list, on request; absent on the last page. */
export function LoadMore(props: { hasMore: boolean; loading: boolean; onLoad: () => Promise<void>; label: string }) {
  if (!props.hasMore) return null;
  return (
    <Group justify="center">
      <Button variant="default" loading={props.loading} onClick={() => void props.onLoad()}>
        {props.label}
      </Button>
    </Group>
  );
}
