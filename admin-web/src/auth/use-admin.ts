import type { AdminProfile } from '@shanqian/shared';
import { useSyncExternalStore } from 'react';
import { session } from '../api/session';

/** The signed-in admin, or null; re-renders on login and logout (in this tab or another). */
export function useAdmin(): AdminProfile | null {
  return useSyncExternalStore(session.subscribe, session.admin);
}

export function useIsSuper(): boolean {
  return useAdmin()?.role === 'super';
}
