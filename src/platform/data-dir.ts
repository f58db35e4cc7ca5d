import fs from 'node:fs';
import path from 'node:path';

/**
 * DATA_DIR holds the database files, the master key, the sealed bids and (in the demo) bid key
 * files: nobody but the platform's own user may read or write any of it.
 */
const GROUP_OR_WORLD = 0o077;

/**
 * Run once at start, before anything is written: everything the process creates from now on
 * is for its owner only (0700 directories, 0600 files), the directory is created so, and an
 * existing one that others could reach is closed, with a warning, together with what is in it.
 */
export function secureDataDir(dir: string, warn: (message: string) => void = console.warn): void {
  process.umask(GROUP_OR_WORLD);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const mode = fs.statSync(dir).mode & 0o777;
  if (mode & GROUP_OR_WORLD) {
    warn(
      `数据目录 ${dir} 的权限为 ${mode.toString(8)}，其他用户可以访问，已改为仅限本用户（700/600） / ` +
        `The data directory ${dir} was open to other users (mode ${mode.toString(8)}); it and its files are now the platform user's only (700/600)`,
    );
    restrictToOwner(dir);
  }
}

/**
 * Takes group and world permissions off a directory and everything under it. PGlite sets the
 * modes of the files it writes itself (0666 and 0644, whatever the umask), so the database
 * directory is closed again each time it is opened and closed.
 */
export function restrictToOwner(dir: string): void {
  const close = (file: string) => {
    const stat = fs.lstatSync(file);
    if (stat.mode & GROUP_OR_WORLD && !stat.isSymbolicLink()) fs.chmodSync(file, stat.mode & 0o700);
  };
  close(dir);
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) close(path.join(entry.parentPath, entry.name));
}
