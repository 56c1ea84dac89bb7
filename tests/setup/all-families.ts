// Node-side tests read every family at once, as the CLI and the library do; the browser tests
// exercise the page's on-demand loading (loadFamilyReaders). Only the readers' module is loaded
// here, not the whole core: a test file's vi.mock of a core module still reaches the modules
// that import it.
import { loadAllFamilyReaders } from '../../src/lib/core/model/families/all-readers.ts';

loadAllFamilyReaders();
