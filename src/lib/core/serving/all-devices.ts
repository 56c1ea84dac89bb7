import { addDevices } from './hardware.ts';
import { LOCAL_DEVICE_GROUPS } from './local-devices.ts';

/**
 * Makes every device known at once, without waiting for `loadLocalDevices`: for the library
 * entry (library.ts), the CLI and the tests, which have every module at hand.
 */
export function loadAllDevices(): void {
  addDevices(LOCAL_DEVICE_GROUPS);
}
