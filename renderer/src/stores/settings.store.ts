/** Global settings (F1 Allow Credit Payment, agency name, time zone). */
import { create } from 'zustand';
import type { Settings } from '../../../shared/dto';
import type { Language } from '../../../shared/i18n';
import { call, type Outcome, type UiError } from '../api';
import type { LoadStatus } from './paged';

interface SettingsState {
  settings: Settings | null;
  status: LoadStatus;
  error: UiError | null;
  load(): Promise<void>;
  update(
    patch: { creditPaymentsEnabled?: boolean; language?: Language; fourEyes?: boolean },
    idempotencyKey: string,
  ): Promise<Outcome<Settings>>;
}

export const useSettings = create<SettingsState>()((set) => ({
  settings: null,
  status: 'idle',
  error: null,
  async load() {
    set({ status: 'loading', error: null });
    const result = await call('settings.get', {});
    if (result.ok) set({ settings: result.value, status: 'ready' });
    else set({ status: 'error', error: result.error });
  },
  async update(patch, idempotencyKey) {
    const result = await call('settings.update', { ...patch, idempotencyKey });
    if (result.ok) set({ settings: result.value, status: 'ready' });
    return result;
  },
}));
