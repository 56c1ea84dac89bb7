/**
 * Which devices are known, apart from the catalog's numbers (hardware.ts): the ids a link's
 * reader checks a device against, and the groups that load on demand (the local devices). The
 * <moe-explorer> element's first chunk holds only this; the catalog itself arrives with the
 * serving model (serving-model.ts): about 1 KB gzipped less before the element renders.
 */
import type { DeviceGroup } from './hardware.ts';

/** The data-centre catalog's ids, in its order (tests/unit/core/serving/hardware.test.ts holds them equal). */
const ids = [
  'h100-sxm',
  'h100-pcie',
  'h200',
  'h800',
  'h20',
  'gh200',
  'b200',
  'b300',
  'gb200',
  'gb300',
  'mi300x',
  'mi325x',
  'mi355x',
  'a100-80gb',
  'a100-40gb',
  'l40s',
  'rtx-pro-6000-server',
  'tpu-v5e',
  'tpu-v6e',
];

/** The label of the catalog's own group (hardware.ts `deviceGroups`). */
export const DATA_CENTRE_LABEL = 'Data centre';

/** Every id findDevice knows: the data-centre catalog's, then the aliases; grows with `addDevices`. */
export const DEVICE_IDS: readonly string[] = ids;

const added: DeviceGroup[] = [];
const aliases = new Map<string, string>();

/** Makes the groups' devices and aliases known to findDevice; a group added twice counts once. */
export function addDevices(more: readonly DeviceGroup[]): void {
  for (const group of more) {
    if (group.label === DATA_CENTRE_LABEL || added.some((g) => g.label === group.label)) continue;
    added.push(group);
    const named = Object.entries(group.aliases ?? {});
    for (const [alias, id] of named) aliases.set(alias, id);
    ids.push(...group.devices.map((d) => d.id), ...named.map(([alias]) => alias));
  }
}

/** The groups registered beside the catalog's, in the order they were added. */
export function addedDeviceGroups(): readonly DeviceGroup[] {
  return added;
}

/** The id a device goes by: 'm4-max' -> 'm4-max-128gb'; an id that is no alias, unchanged. */
export function ownDeviceId(id: string): string {
  return aliases.get(id) ?? id;
}

let loading: Promise<void> | null = null;

/**
 * Loads the local devices (consumer GPUs, Apple silicon, other unified memory: one chunk).
 * Resolves once findDevice knows them; a failed load may be tried again.
 */
export function loadLocalDevices(): Promise<void> {
  loading ??= import('./local-devices.ts').then(
    (module) => addDevices(module.LOCAL_DEVICE_GROUPS),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
