import type { ServerResponse } from 'node:http';
import type { Platform } from '../../platform/context';
import { systemContext } from '../../platform/context';
import { advanceListing, due, liveSnapshot, listingEvents } from './listings';
import { listing } from './listings.schema';
import { eq } from 'drizzle-orm';

/**
 * The live view's hub (server-sent events): one per listing with listeners. A bid in this process
 * wakes it at once (listingEvents); a poll every second catches bids taken by another process and
 * the clock's own moves (the end of the auction: the hub advances the listing, so the result shows).
 * Every state is read once and written to every listener: the price, the leading 竞买号, the end and
 * the sequence; each listener was told its own number when it connected.
 */
interface Hub {
  clients: Set<ServerResponse>;
  last: string;
  reading: Promise<void> | null;
  again: boolean;
  timer: NodeJS.Timeout;
  wake?: () => void;
}

const hubs = new Map<string, Hub>();

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

async function refresh(platform: Platform, id: string, hub: Hub) {
  if (hub.reading) {
    hub.again = true;
    return hub.reading;
  }
  hub.reading = (async () => {
    do {
      hub.again = false;
      try {
        const db = platform.database.db;
        const now = platform.clock.now();
        const [row] = await db.select().from(listing).where(eq(listing.id, id));
        if (row && due(row, now)) await advanceListing(systemContext(platform), id).catch(() => undefined);
        const s = await liveSnapshot(db, id, now, null);
        const { serverTime: _, ownBidderNo: __, ...state } = s;
        const key = JSON.stringify(state);
        if (key !== hub.last) {
          hub.last = key;
          const text = frame('state', { ...state, serverTime: s.serverTime });
          for (const c of hub.clients) c.write(text);
        }
      } catch {
        // The next poll tries again.
      }
    } while (hub.again);
    hub.reading = null;
  })();
  return hub.reading;
}

export async function subscribe(platform: Platform, id: string, res: ServerResponse, ownBidderNo: string | null) {
  let hub = hubs.get(id);
  if (!hub) {
    const h: Hub = { clients: new Set(), last: '', reading: null, again: false, timer: setInterval(() => void refresh(platform, id, h), 1000) };
    h.timer.unref();
    hubs.set(id, h);
    listingEvents.on(id, h.wake = () => void refresh(platform, id, h));
    hub = h;
  }
  res.write(frame('hello', { ownBidderNo }));
  const s = await liveSnapshot(platform.database.db, id, platform.clock.now(), ownBidderNo);
  res.write(frame('state', s));
  hub.clients.add(res);
  const h = hub;
  res.on('close', () => {
    h.clients.delete(res);
    if (h.clients.size === 0 && hubs.get(id) === h) {
      clearInterval(h.timer);
      listingEvents.off(id, h.wake!);
      hubs.delete(id);
    }
  });
}

/** Ends every live stream (before the server closes, which otherwise waits for them). */
export function closeAllStreams() {
  for (const hub of hubs.values()) for (const c of hub.clients) c.end();
}
