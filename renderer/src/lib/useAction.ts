/**
 * One money action: disabled while in flight (a second click is ignored, not queued), and its
 * refusal kept for display. The idempotency key is created by the caller per user action.
 */
import { useCallback, useRef, useState } from 'react';
import type { Outcome, UiError } from '../api';

export interface Action {
  pending: boolean;
  error: UiError | null;
  run<T>(fn: () => Promise<Outcome<T>>): Promise<Outcome<T> | null>;
  reset(): void;
}

export function useAction(): Action {
  const inFlight = useRef(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const run = useCallback(async <T>(fn: () => Promise<Outcome<T>>): Promise<Outcome<T> | null> => {
    if (inFlight.current) return null;
    inFlight.current = true;
    setPending(true);
    setError(null);
    try {
      const result = await fn();
      if (!result.ok) setError(result.error);
      return result;
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  }, []);
  const reset = useCallback(() => setError(null), []);
  return { pending, error, run, reset };
}
