// Node-side tests read every family and know every device at once, as the CLI and the library
// do, and read any link, as the page does; the browser tests exercise the page's and the
// element's on-demand loading (loadFamilyReaders, loadLocalDevices, loadLocalEstimator, the
// element's serving model and link decoders). Only those modules are loaded here, not the
// whole core: a test file's vi.mock of a core module still reaches the modules that import it.
import { beforeAll } from 'vitest';
import { loadAll } from '../../src/lib/core/explorer/load-all.ts';
import { addLinkDecoders } from '../../src/lib/share/link-decoders.ts';

loadAll();
// The link decoders import the whole core: they load once the test file has (and its mocks).
// So does the host's link codec, which a link with system RAM waits for on the page
// (family-readers.ts): here it is at hand, as every other reader is.
beforeAll(async () => {
  addLinkDecoders((await import('../../src/lib/share/link-decoders-all.ts')).LINK_DECODERS);
  (await import('../../src/lib/state/local-model.ts')).install();
});
