import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU used by processes, from Linux /proc: a benchmark's server, PostgreSQL, and what each cost per request. */
const CLOCK_TICKS = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/** Milliseconds of CPU (user + system) the processes have used so far; one gone meanwhile counts nothing. */
export function cpuMsOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // gone meanwhile
    }
  }
  return (ticks * 1000) / CLOCK_TICKS;
}

function isPostgres(pid: string) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    return false; // gone meanwhile
  }
}

/** Every process named postgres (run on a quiet machine: the server's backends are all of them). */
export const postgresPids = () => readdirSync('/proc').filter((d) => /^\d+$/.test(d) && isPostgres(d)).map(Number);
