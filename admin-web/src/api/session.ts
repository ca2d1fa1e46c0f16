import type { AdminProfile } from '@shanqian/shared';

const KEY = 'shanqian.console.session';

interface StoredSession {
  token: string;
  admin: AdminProfile;
}

type Listener = () => void;
const listeners = new Set<Listener>();

function read(): StoredSession | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as StoredSession | null;
    return value && typeof value.token === 'string' && value.admin ? value : null;
  } catch {
    return null;
  }
}

let current = read();

function publish(next: StoredSession | null): void {
  current = next;
  if (next) localStorage.setItem(KEY, JSON.stringify(next));
  else localStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

// Another tab logged in or out: follow it, so that no tab keeps acting with a dead token.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== KEY) return;
    current = read();
    for (const listener of listeners) listener();
  });
}

/**
 * The back-office session: the Bearer token and who it belongs to, kept in localStorage so that a
 * clerk's second tab and a reload stay signed in (the server ends it after ADMIN_SESSION_TTL_SECONDS).
 */
export const session = {
  token: (): string | null => current?.token ?? null,
  admin: (): AdminProfile | null => current?.admin ?? null,
  start: (token: string, admin: AdminProfile): void => publish({ token, admin }),
  clear: (): void => publish(null),
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
