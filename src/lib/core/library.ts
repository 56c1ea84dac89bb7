/**
 * The core as a library (the package's entry, the CLI): index.ts with every family's reader and
 * every device loaded up front, so that parseHFConfig reads any supported config and findDevice
 * finds any device at once. The page and the <moe-explorer> element import index.ts and load the
 * readers of families without a preset (loadFamilyReaders) and the local devices
 * (loadLocalDevices) and the local model (loadLocalEstimator) on demand.
 */
import { loadAll } from './explorer/load-all.ts';

loadAll();

export * from './index.ts';
