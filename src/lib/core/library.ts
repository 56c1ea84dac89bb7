/**
 * The core as a library (the package's entry, the CLI): index.ts with every preset's config,
 * every family's reader and every device loaded up front, so that parseHFConfig reads any
 * supported config, a preset's config is at hand and findDevice finds any device at once. The
 * page and the <moe-explorer> element import index.ts and load the presets (loadPreset), the
 * family readers (loadFamilyReader), the local devices (loadLocalDevices) and the local model
 * (loadLocalEstimator) on demand.
 */
import { loadAll } from './explorer/load-all.ts';

loadAll();

export * from './index.ts';
