import type { ResumeForm } from './resume-rules';

/**
 * Typed access to the few values this mini-program keeps in wx storage. Every key is listed here so
 * that logout can clear the worker's data and keep only what is not personal.
 */
export interface LastLocation {
  /** Degrees, WGS84, as the server's X-location header wants them. */
  lng: number;
  lat: number;
  /** When wx handed it over (ms since the epoch). */
  at: number;
  /** The city there (e.g. 郑州市), when the reverse geocoder is configured and answered. */
  city?: string;
}

/** The resume form's unsent changes (only the fields the worker touched). */
export interface ResumeDraft {
  savedAt: number;
  fields: Partial<ResumeForm>;
}

export interface StoredValues {
  /** The session_token of POST /weixin/login. */
  'auth.token': string;
  /** The X-unique-key the server issued to this device. */
  'request.uniqueKey': string;
  /** The last location the user allowed us to read. */
  'location.last': LastLocation;
  /** Set once the first-launch explanation was read. */
  'launch.introSeen': boolean;
  /** The resume form's draft, kept until the server accepted the resume. */
  'resume.draft': ResumeDraft;
  /** When each phone may get its next SMS code (ms since the epoch), so the countdown survives leaving the page. */
  'sms.resendAt': Record<string, number>;
}

export type StorageKey = keyof StoredValues;

export function getStored<K extends StorageKey>(key: K): StoredValues[K] | undefined {
  // wx answers '' for a key that was never set.
  const value: unknown = wx.getStorageSync(key);
  return value === '' ? undefined : (value as StoredValues[K]);
}

export function setStored<K extends StorageKey>(key: K, value: StoredValues[K]): void {
  wx.setStorageSync(key, value);
}

export function removeStored(key: StorageKey): void {
  wx.removeStorageSync(key);
}

/** Removes everything this user left on the phone (drafts of other pages included) except `keep`. */
export function clearStoredExcept(keep: StorageKey[]): void {
  for (const key of wx.getStorageInfoSync().keys) {
    if (!(keep as string[]).includes(key)) wx.removeStorageSync(key);
  }
}
