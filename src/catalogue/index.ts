/** Catalogue: the six catalogues and lists, regions, the sub-platform registry. */
import type { RouteModule } from '../platform/http/server';
import { catalogueRoutes } from './catalogue.routes';

export { ensureRegions, listRegions, regionExists, REGIONS } from './regions';
export { createDraft, updateDraft, publishVersion } from './catalogue-versions';
export { CATALOGUE_KINDS, type CatalogueKind } from './catalogue.kinds';
export { ruleReference } from './rule-citations';
export { platformRegistry, MAIN_PLATFORM_CODE, type PlatformEntry } from './platform-registry';

export const catalogueRouteModules: RouteModule[] = [catalogueRoutes];
