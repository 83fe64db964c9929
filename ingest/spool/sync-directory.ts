// fsync of a directory: a newly created or renamed file survives power loss only once its
// directory entry is on disk, which fsync of the file itself does not guarantee.
import { open } from 'node:fs/promises';

export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
