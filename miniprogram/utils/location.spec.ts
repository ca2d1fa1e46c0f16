import type { LastLocation } from './storage';

type Setting = Record<string, boolean>;

/** A fresh launch (module state) on a phone whose user answered location questions with `setting`. */
function launch(setting: Setting) {
  const storage = new Map<string, unknown>();
  const getFuzzyLocation = jest.fn((options: { success(result: { longitude: number; latitude: number }): void }) => options.success({ longitude: 121.47, latitude: 31.23 }));
  (globalThis as { wx?: unknown }).wx = {
    getSetting: (options: { success(result: { authSetting: Setting }): void }) => options.success({ authSetting: setting }),
    getFuzzyLocation,
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => storage.set(key, value),
  };
  let location!: typeof import('./location');
  jest.isolateModules(() => {
    location = require('./location');
  });
  return { location, getFuzzyLocation, stored: () => storage.get('location.last') as LastLocation | undefined };
}

test('asks once per launch, and sends the allowed location as X-location', () => {
  const { location, getFuzzyLocation, stored } = launch({});
  expect(location.locationHeaders()).toEqual({});
  location.refreshLocation();
  location.refreshLocation();
  expect(getFuzzyLocation).toHaveBeenCalledTimes(1);
  expect(stored()).toMatchObject({ lng: 121.47, lat: 31.23 });
  expect(location.locationHeaders()).toEqual({ 'X-location': '121.47000,31.23000' });
});

test('never asks again once the user said no', () => {
  const { location, getFuzzyLocation } = launch({ 'scope.userFuzzyLocation': false });
  location.refreshLocation();
  expect(getFuzzyLocation).not.toHaveBeenCalled();
  expect(location.locationHeaders()).toEqual({});
});
