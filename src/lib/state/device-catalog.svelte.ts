/**
 * The device catalog as the page's GPU select lists it: the data-centre devices at once, the
 * local ones (consumer GPUs, Apple silicon, other unified memory) once their chunk has loaded
 * (core `loadLocalDevices`). The page's select loads them when it first shows; the
 * <moe-explorer> element, which has no select, only for a state that names one
 * (family-readers.ts).
 */
import { deviceGroups, loadLocalDevices, type DeviceGroup } from '../core/index.ts';

export class DeviceCatalog {
  #groups = $state.raw(deviceGroups());

  /** The devices by group, the data centre's first. */
  get groups(): readonly DeviceGroup[] {
    return this.#groups;
  }

  /** Loads the local devices; the groups grow when they arrive. A failed load keeps the rest. */
  load(): void {
    loadLocalDevices().then(
      () => (this.#groups = deviceGroups()),
      () => undefined,
    );
  }
}
