/**
 * The host a deployment gets when system RAM is turned on: the default host (64 GB of
 * dual-channel DDR5-5600) on the device's own PCIe link. The DDR speeds, channels and ranges the
 * controls offer are the core's (serving/host-ranges.ts). Loaded with the system-RAM controls.
 */
import type { Device, HostSettings } from '../core/index.ts';
import { HOST_DEFAULTS } from '../share/host-link.ts';

/** The device's own PCIe link ("gen4x8"), else the default host's. */
export function pcieOf(device: Device | undefined): string {
  const link = device?.pcie;
  return link ? `gen${link.gen}x${link.lanes}` : HOST_DEFAULTS.pcie;
}

/** The host a deployment on `device` gets when system RAM is turned on. */
export function defaultHost(device: Device | undefined): HostSettings {
  return { ...HOST_DEFAULTS, pcie: pcieOf(device) };
}
