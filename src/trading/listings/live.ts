import type { ServerResponse } from 'node:http';
import type { Platform } from '../../platform/context';
import { eq } from 'drizzle-orm';
import { liveSnapshot, listingEvents, snapshotOf, type ListingRow } from './listings';
import { listing } from './listings.schema';

/**
 * The live view's hub (server-sent events): one per listing with listeners. A bid committed in this
 * process is written to every listener at once from the committed row (listingEvents), without a
 * read; a poll every second catches bids taken by another process and the clock's own moves (the
 * listing job ends the auction and wakes the hub, so the result shows). A state older than the one
 * already sent is never sent (bids can finish committing out of order): listeners see the sequence
 * only rise. Each listener was told its own number when it connected.
 */
interface Hub {
  clients: Set<ServerResponse>;
  /** What was last sent: its sequence, the stage of the listing, and the text (to skip repeats). */
  sent: { seq: number; stage: number; key: string };
  polling: boolean;
  timer: NodeJS.Timeout;
  wake: (row?: ListingRow) => void;
}

const hubs = new Map<string, Hub>();
const STAGE: Record<string, number> = { listed: 0, auction: 1, transferred: 2, sold: 2, failed: 2 };

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

function publish(platform: Platform, hub: Hub, row: ListingRow) {
  const stage = STAGE[row.status] ?? 0;
  if (row.bidSeq < hub.sent.seq || (row.bidSeq === hub.sent.seq && stage < hub.sent.stage)) return;
  const { serverTime, ownBidderNo: _, ...state } = snapshotOf(row, platform.clock.now(), null);
  const key = JSON.stringify(state);
  if (key === hub.sent.key) return;
  hub.sent = { seq: row.bidSeq, stage, key };
  const text = frame('state', { ...state, serverTime });
  for (const c of hub.clients) c.write(text);
}

async function poll(platform: Platform, id: string, hub: Hub) {
  if (hub.polling) return;
  hub.polling = true;
  try {
    const [row] = await platform.database.db.select().from(listing).where(eq(listing.id, id));
    if (row) publish(platform, hub, row);
  } catch {
    // The next poll tries again.
  } finally {
    hub.polling = false;
  }
}

export async function subscribe(platform: Platform, id: string, res: ServerResponse, ownBidderNo: string | null) {
  let hub = hubs.get(id);
  if (!hub) {
    const h: Hub = {
      clients: new Set(),
      sent: { seq: -1, stage: -1, key: '' },
      polling: false,
      timer: setInterval(() => void poll(platform, id, h), 1000),
      wake: (row) => (row ? publish(platform, h, row) : void poll(platform, id, h)),
    };
    h.timer.unref();
    hubs.set(id, h);
    listingEvents.on(id, h.wake);
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
      listingEvents.off(id, h.wake);
      hubs.delete(id);
    }
  });
}

/** Ends every live stream (before the server closes, which otherwise waits for them). */
export function closeAllStreams() {
  for (const hub of hubs.values()) for (const c of hub.clients) c.end();
}
