import { signApiRequest } from '../../identity/api-keys/signed-request.rules';

/** A sub-platform's API key as registered on the main platform. */
export interface SubPlatformKey {
  keyId: string;
  secret: string;
}

/** Sends a signed request to the main platform the way a sub-platform does (X-Api-Key, X-Api-Timestamp, X-Api-Signature). */
export async function signedFetch(base: string, key: SubPlatformKey, method: 'GET' | 'POST', path: string, body?: unknown, now = new Date()) {
  const payload = body === undefined ? '' : JSON.stringify(body);
  const timestamp = now.toISOString();
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'x-api-key': key.keyId, 'x-api-timestamp': timestamp, 'x-api-signature': signApiRequest(key.secret, method, path, timestamp, payload) },
    ...(body === undefined ? {} : { body: payload }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export interface SyncTally {
  accepted: number;
  duplicates: number;
  /** Releases the main platform refused, with the first reason given for each. */
  refused: { ocid: string | null; id: string | null; path: string; message: string }[];
}

/**
 * Pushes releases in batches. A refused batch is all-or-nothing on the platform's side: the
 * releases it names are set aside with their reasons and the rest of the batch is sent again.
 */
export async function pushReleases(base: string, key: SubPlatformKey, releases: Record<string, unknown>[], batchSize = 500, clock: () => Date = () => new Date()): Promise<SyncTally> {
  const tally: SyncTally = { accepted: 0, duplicates: 0, refused: [] };
  for (let i = 0; i < releases.length; i += batchSize) {
    let batch = releases.slice(i, i + batchSize);
    while (batch.length) {
      const res = await signedFetch(base, key, 'POST', '/api/sync/releases', { releases: batch }, clock());
      if (res.status === 200) {
        tally.accepted += res.body.accepted as number;
        tally.duplicates += res.body.duplicates as number;
        break;
      }
      const errors = ((res.body.details as { errors?: { index: number; ocid: string | null; id: string | null; path: string; message: { 'zh-CN': string } }[] } | undefined)?.errors ?? []);
      if (res.status !== 422 || errors.length === 0) throw new Error(`sync refused: ${res.status} ${JSON.stringify(res.body)}`);
      const bad = new Set(errors.map((e) => e.index));
      for (const index of bad) {
        const e = errors.find((x) => x.index === index)!;
        tally.refused.push({ ocid: e.ocid, id: e.id, path: e.path, message: e.message['zh-CN'] });
      }
      batch = batch.filter((_, index) => !bad.has(index));
    }
  }
  return tally;
}
