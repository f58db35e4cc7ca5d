import type { IncomingMessage, ServerResponse } from 'node:http';
import { signApiRequest } from '../../identity/api-keys/signed-request.rules';
import type { SubPlatformKey } from './sync-client';

/**
 * The sub-platform's outbox (docs/SYNC.md §Conformance): what it syncs to the main platform, in its
 * own send order, paged by a cursor, each response signed with its key like its pushes. A candidate
 * sub-platform serves it so that `npm run conformance` can check it before admission.
 */
export function outboxHandler(releases: () => Record<string, unknown>[], key: SubPlatformKey, now: () => Date = () => new Date()) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' || url.pathname !== '/ocds/outbox') return false;
    const after = Math.max(0, Number(url.searchParams.get('after') ?? 0) || 0);
    const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100));
    const all = releases();
    const page = all.slice(after, after + limit);
    const body = JSON.stringify({ releases: page, next: after + page.length });
    const timestamp = now().toISOString();
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'x-api-key': key.keyId,
      'x-api-timestamp': timestamp,
      'x-api-signature': signApiRequest(key.secret, 'GET', `${url.pathname}${url.search}`, timestamp, body),
    });
    res.end(body);
    return true;
  };
}
