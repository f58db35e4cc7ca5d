import { and, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { inRegion } from '../identity';
import type { Db } from '../platform/database/database';
import { frameworkOrder } from './framework/framework.schema';
import { listing, listingBidder } from './listings/listings.schema';
import { mallBasket } from './mall/mall.schema';
import { finalOfferCall } from './rounds/rounds.schema';
import { opening, project } from './trading.schema';

/**
 * Who took part in a project is disclosed when its opening starts (GP-07, EB-03): before,
 * nobody learns who bid, how many or when. As SQL, for views that filter rows about bidders.
 */
export function biddersDisclosed(projectId: SQLWrapper): SQL {
  return sql`EXISTS (SELECT 1 FROM ${opening} WHERE ${opening.projectId} = ${projectId})`;
}

/**
 * Offers made after the opening are disclosed at their deadline: who offered, how many, when. As SQL
 * over the entry's subject: a second-round competition's order (FA-07), the lot whose final
 * offers the panel called for (CS-06, NG-05), or an e-mall basket put out for quotes (MALL-06).
 */
export function offersDisclosed(subjectId: SQLWrapper, now: Date): SQL {
  const at = now.toISOString();
  return sql`(EXISTS (SELECT 1 FROM ${frameworkOrder} WHERE ${frameworkOrder.id}::text = ${subjectId} AND ${frameworkOrder.deadline} <= ${at})
    OR EXISTS (SELECT 1 FROM ${finalOfferCall} WHERE ${finalOfferCall.lotId}::text = ${subjectId} AND ${finalOfferCall.deadline} <= ${at})
    OR EXISTS (SELECT 1 FROM ${mallBasket} WHERE ${mallBasket.id}::text = ${subjectId} AND ${mallBasket.closesAt} <= ${at}))`;
}

/**
 * Who takes part in a listing or auction is disclosed with its result (LA-12): as SQL over an audit
 * entry's subject, a listing or one of its bidders' registrations.
 */
export function listingBiddersDisclosed(subjectId: SQLWrapper): SQL {
  return sql`EXISTS (SELECT 1 FROM ${listing} WHERE ${listing.resultAt} IS NOT NULL AND (${listing.id}::text = ${subjectId}
    OR ${listing.id} IN (SELECT ${listingBidder.listingId} FROM ${listingBidder} WHERE ${listingBidder.id}::text = ${subjectId})))`;
}

/** Projects' titles by id, of projects within a region, for views that name what a row is about. */
export async function projectTitles(db: Db, ids: string[], region: string): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: project.id, title: project.title, projectNumber: project.projectNumber })
    .from(project)
    .where(and(inArray(project.id, unique), inRegion(project.regionCode, region)));
  return new Map(rows.map((r) => [r.id, `${r.title}（${r.projectNumber}）`]));
}
