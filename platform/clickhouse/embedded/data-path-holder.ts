// Which other process holds an engine data path. The engine locks `<path>/status` itself and
// refuses a second process (so the data is safe), but chDB reports that only as "Failed to
// create connection" with the detail on the engine's stderr. The status file names the holder
// (`PID: 1234`); a live PID other than ours means the directory is in use.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The PID of another live process holding `dataPath`, if any. */
export function otherHolderOf(dataPath: string): number | undefined {
  let status: string;
  try {
    status = readFileSync(join(dataPath, 'status'), 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number(/^PID:\s*(\d+)/m.exec(status)?.[1]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  return isAlive(pid) ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
