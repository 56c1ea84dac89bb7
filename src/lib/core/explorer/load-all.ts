import { loadAllPresetConfigs } from '../model/all-presets.ts';
import { loadAllFamilyReaders } from '../model/families/all-readers.ts';
import { loadAllDevices } from '../serving/all-devices.ts';
import { estimateWithHost } from '../serving/local-host-settings.ts';
import { addLocalEstimator } from './local-estimator.ts';
import { addServingModel } from './serving-model.ts';
import { SERVING_MODEL } from './serving-model-all.ts';

/**
 * Everything the page and the element load on demand, at once: every preset's config, every
 * family's reader, every device, the serving model, the local model. For the library entry
 * (library.ts), the CLI and the tests, which have every module at hand.
 */
export function loadAll(): void {
  loadAllPresetConfigs();
  loadAllFamilyReaders();
  loadAllDevices();
  addServingModel(SERVING_MODEL);
  addLocalEstimator(estimateWithHost);
}
