// Build step (npm run build, after tsc): compiles data/search/vocabulary.yaml to dist/data/search/vocabulary.json,
// so the server's start-up reads JSON instead of loading the `yaml` parser (issue 4). The server checks the
// JSON's hash of the YAML and parses the YAML itself when the two differ, so a stale file is never used.
import { join } from 'node:path';
import { DATA_PATHS } from '../../src/paths.js';
import { writeCompiledVocabulary } from './write-compiled-vocabulary.js';

const source = join(DATA_PATHS.searchData, 'vocabulary.yaml');
try {
  writeCompiledVocabulary({ source, target: DATA_PATHS.compiledVocabulary });
} catch (error) {
  process.stderr.write(`Could not compile the search vocabulary. ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
