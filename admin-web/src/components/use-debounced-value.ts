import { useEffect, useState } from 'react';

/**
 * The value once it has stood still for `delayMs`: a search sends one request when the clerk pauses,
 * not one per key typed.
 */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
