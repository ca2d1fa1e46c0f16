import { createHash } from 'node:crypto';

/**
 * The hash chain of an application's history. Each `sign_apply_event` row stores `hash`, the SHA-256
 * of its canonical form, which includes `prev_hash`, the hash of the application's previous event
 * (by id; null for the first). Editing a row changes its hash; deleting, inserting or reordering
 * rows breaks a link. The chain has no key: anyone with write access could rebuild it, so its head
 * is published where the database cannot reach it (the signed contract's audit page, the evidence
 * package), and a chain that still leads to a published head is the history as it was then.
 *
 * The row id is left out: the hash is computed before the insert, in one statement, and the
 * position is already fixed by `prev_hash`. The detail enters as its SHA-256, so the evidence
 * package can show it masked and still let anyone recompute the chain offline.
 *
 * This module is the one definition, used when appending (the repository), when backfilling (the
 * migration) and when checking (the service, `npm run evidence:check`).
 */

/** An event's fields as stored: what the hash covers. */
export interface ChainedEvent {
  applicationId: number;
  event: string;
  fromStatus: number | null;
  toStatus: number;
  actorType: string;
  actorId: number;
  ip: string;
  city: string | null;
  lng: number | null;
  lat: number | null;
  detail: string | null;
  createdAt: Date;
  prevHash: string | null;
}

/** What the evidence package shows of an event besides its masked detail, and all an offline check needs. */
export interface CanonicalEvent {
  actor_id: number;
  actor_type: string;
  application_id: number;
  city: string | null;
  /** ISO 8601 UTC with milliseconds. */
  created_at: string;
  detail_sha256: string | null;
  event: string;
  from_status: number | null;
  ip: string;
  lat: number | null;
  lng: number | null;
  prev_hash: string | null;
  to_status: number;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export function canonicalFields(e: ChainedEvent): CanonicalEvent {
  return {
    actor_id: e.actorId,
    actor_type: e.actorType,
    application_id: e.applicationId,
    city: e.city,
    created_at: e.createdAt.toISOString(),
    detail_sha256: e.detail === null ? null : sha256Hex(e.detail),
    event: e.event,
    from_status: e.fromStatus,
    ip: e.ip,
    lat: e.lat,
    lng: e.lng,
    prev_hash: e.prevHash,
    to_status: e.toStatus,
  };
}

/**
 * JSON with the keys sorted and no spaces, hashed as UTF-8: for these values what `jq -cS` prints,
 * or Python's `json.dumps(o, sort_keys=True, separators=(',', ':'), ensure_ascii=False)` (they
 * differ from JavaScript's only for non-zero numbers smaller than 1e-6 in magnitude).
 */
export function eventHash(e: ChainedEvent): string {
  const fields = canonicalFields(e) as unknown as Record<string, unknown>;
  const sorted = Object.fromEntries(Object.keys(fields).sort().map((key) => [key, fields[key]]));
  return sha256Hex(JSON.stringify(sorted));
}

/** Why a chain is broken at an event: its content no longer matches its hash, or it does not follow the event before it. */
export type ChainBreak = 'edited' | 'unlinked';

export const CHAIN_BREAKS: Record<ChainBreak, string> = {
  edited: 'its content does not match its hash: the row was edited',
  unlinked: 'its prev_hash is not the hash of the event before it: a row was deleted, inserted or reordered',
};

export interface ChainCheck {
  ok: boolean;
  /** The stored hash of the latest event; null when there are none. */
  head: string | null;
  events: number;
  brokenAt?: { eventId: number; reason: ChainBreak };
}

/** Walks an application's events in id order. */
export function checkChain(events: (ChainedEvent & { id: number; hash: string })[]): ChainCheck {
  let previous: string | null = null;
  for (const e of events) {
    const reason: ChainBreak | null = eventHash(e) !== e.hash ? 'edited' : e.prevHash !== previous ? 'unlinked' : null;
    if (reason) return { ok: false, head: events[events.length - 1].hash, events: events.length, brokenAt: { eventId: e.id, reason } };
    previous = e.hash;
  }
  return { ok: true, head: previous, events: events.length };
}
