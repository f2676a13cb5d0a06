import type { DocsSource } from './docs-source.js';
import { cloneGitSource, isGitUrl } from './git-source.js';
import { openLocalSource } from './local-source.js';

/** Open `--source`: a git URL is cloned (shallow), anything else is a local folder. */
export async function openDocsSource(source: string, options: { ref?: string; ownerPid?: number; tmpDir?: string } = {}): Promise<DocsSource> {
  if (isGitUrl(source)) return cloneGitSource(source, options);
  if (options.ref) throw new Error(`--ref ${options.ref} needs a git URL as --source, not the folder ${source}.`);
  return openLocalSource(source);
}
