// Node-side tests read every family and know every device at once, as the CLI and the library
// do; the browser tests exercise the page's on-demand loading (loadFamilyReaders,
// loadLocalDevices, loadLocalEstimator). Only those modules are loaded here, not the whole
// core: a test file's vi.mock of a core module still reaches the modules that import it.
import { loadAll } from '../../src/lib/core/explorer/load-all.ts';

loadAll();
