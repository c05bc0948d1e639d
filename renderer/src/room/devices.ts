// The machine's cameras, microphones and speakers, grouped by kind. Chromium also lists a
// "communications" alias (Windows) next to the real devices; that duplicate is left out.

export type DeviceLists = Record<'videoinput' | 'audioinput' | 'audiooutput', MediaDeviceInfo[]>;

export async function listDevices(): Promise<DeviceLists> {
  const lists: DeviceLists = { videoinput: [], audioinput: [], audiooutput: [] };
  for (const device of await navigator.mediaDevices.enumerateDevices()) {
    if (!device.deviceId || device.deviceId === 'communications') continue;
    lists[device.kind].push(device);
  }
  return lists;
}
