import type { Db } from '../platform/database/database';
import { itemsOf, versionInForce } from './catalogue.store';

/** A platform or sub-platform of the platform catalogue (平台目录), under its unified name. */
export interface PlatformEntry {
  code: string;
  unifiedName: string;
  centreName: string | null;
  tradingTypes: string[];
  integration: string;
  url: string | null;
}

/** The platform catalogue in force on a day (Asia/Shanghai date), by code. */
export async function platformRegistry(db: Db, date: string): Promise<Map<string, PlatformEntry>> {
  const version = await versionInForce(db, 'platformCatalogue', date);
  const items = version ? await itemsOf(db, version.id) : [];
  return new Map(
    items.map((i) => [
      i.code,
      {
        code: i.code,
        unifiedName: String(i.data.unifiedName),
        centreName: typeof i.data.centreName === 'string' ? i.data.centreName : null,
        tradingTypes: Array.isArray(i.data.tradingTypes) ? i.data.tradingTypes.map(String) : [],
        integration: String(i.data.integration),
        url: typeof i.data.url === 'string' ? i.data.url : null,
      },
    ]),
  );
}

/** The main platform's own code in the platform catalogue. */
export const MAIN_PLATFORM_CODE = 'P01';
