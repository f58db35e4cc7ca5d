/** Exchange with the outside: open data (OCDS) and the designated media. */
export { ocdsRoutes } from './ocds/ocds.routes';
export { publishOcdsReleases } from './ocds/publish';
