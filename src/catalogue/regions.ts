import { eq } from 'drizzle-orm';
import type { Db } from '../platform/database/database';
import { region } from './catalogue.schema';

export type RegionLevel = 'province' | 'city' | 'district';

/**
 * GB/T 2260 codes of the regions the platform serves out of the box: Shanghai and its 16
 * districts, and Shandong with the cities whose platforms seed 003 describes. More regions
 * are rows in the `region` table.
 */
export const REGIONS: { code: string; nameZh: string; nameEn: string; level: RegionLevel; parentCode: string | null }[] = [
  { code: '310000', nameZh: '上海市', nameEn: 'Shanghai', level: 'province', parentCode: null },
  { code: '310101', nameZh: '黄浦区', nameEn: 'Huangpu District', level: 'district', parentCode: '310000' },
  { code: '310104', nameZh: '徐汇区', nameEn: 'Xuhui District', level: 'district', parentCode: '310000' },
  { code: '310105', nameZh: '长宁区', nameEn: 'Changning District', level: 'district', parentCode: '310000' },
  { code: '310106', nameZh: '静安区', nameEn: "Jing'an District", level: 'district', parentCode: '310000' },
  { code: '310107', nameZh: '普陀区', nameEn: 'Putuo District', level: 'district', parentCode: '310000' },
  { code: '310109', nameZh: '虹口区', nameEn: 'Hongkou District', level: 'district', parentCode: '310000' },
  { code: '310110', nameZh: '杨浦区', nameEn: 'Yangpu District', level: 'district', parentCode: '310000' },
  { code: '310112', nameZh: '闵行区', nameEn: 'Minhang District', level: 'district', parentCode: '310000' },
  { code: '310113', nameZh: '宝山区', nameEn: 'Baoshan District', level: 'district', parentCode: '310000' },
  { code: '310114', nameZh: '嘉定区', nameEn: 'Jiading District', level: 'district', parentCode: '310000' },
  { code: '310115', nameZh: '浦东新区', nameEn: 'Pudong New Area', level: 'district', parentCode: '310000' },
  { code: '310116', nameZh: '金山区', nameEn: 'Jinshan District', level: 'district', parentCode: '310000' },
  { code: '310117', nameZh: '松江区', nameEn: 'Songjiang District', level: 'district', parentCode: '310000' },
  { code: '310118', nameZh: '青浦区', nameEn: 'Qingpu District', level: 'district', parentCode: '310000' },
  { code: '310120', nameZh: '奉贤区', nameEn: 'Fengxian District', level: 'district', parentCode: '310000' },
  { code: '310151', nameZh: '崇明区', nameEn: 'Chongming District', level: 'district', parentCode: '310000' },
  { code: '370000', nameZh: '山东省', nameEn: 'Shandong', level: 'province', parentCode: null },
  { code: '370100', nameZh: '济南市', nameEn: 'Jinan', level: 'city', parentCode: '370000' },
  { code: '370200', nameZh: '青岛市', nameEn: 'Qingdao', level: 'city', parentCode: '370000' },
  { code: '370600', nameZh: '烟台市', nameEn: 'Yantai', level: 'city', parentCode: '370000' },
];

export async function regionExists(db: Db, code: string): Promise<boolean> {
  const [row] = await db.select({ code: region.code }).from(region).where(eq(region.code, code));
  return Boolean(row);
}

export function listRegions(db: Db) {
  return db.select().from(region).orderBy(region.code);
}

/** Reference data every installation needs; inserted when missing, never overwritten. */
export async function ensureRegions(db: Db): Promise<void> {
  await db.insert(region).values(REGIONS).onConflictDoNothing();
}
