import type { BridgeStatus } from '@shanqian/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/request';

/** Every action of the page refreshes it: its success or its error shows on the bridge's card. */
export const BRIDGE_STATUS_KEY = ['bridges', 'status'] as const;

/** While work is queued the card follows it closely; otherwise a slow refresh catches the scheduled pulls and mirrors. */
const BUSY_POLL_MS = 5000;
const IDLE_POLL_MS = 60_000;

export function useBridgeStatus() {
  return useQuery({
    queryKey: BRIDGE_STATUS_KEY,
    queryFn: ({ signal }) => api<BridgeStatus[]>('GET', '/admin/bridges/status', { signal }),
    refetchInterval: (query) => (query.state.data?.some((bridge) => bridge.pending_jobs > 0) ? BUSY_POLL_MS : IDLE_POLL_MS),
  });
}
