import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { regionPrefix } from './region-scope';

/** The SQL condition "this row's region lies within `scope`" (GB/T 2260 prefixes, see region-scope.ts). */
export function inRegion(column: SQLWrapper, scope: string): SQL {
  return sql`${column} LIKE ${regionPrefix(scope) + '%'}`;
}
