import type { LastLocation } from './storage';

type Setting = Record<string, boolean>;

/** A fresh launch (module state) on a phone whose user answered location questions with `setting`. */
function launch(setting: Setting, lbsKey = '') {
  const storage = new Map<string, unknown>();
  const getFuzzyLocation = jest.fn((options: { success(result: { longitude: number; latitude: number }): void }) => options.success({ longitude: 121.47, latitude: 31.23 }));
  (globalThis as { wx?: unknown }).wx = {
    getSetting: (options: { success(result: { authSetting: Setting }): void }) => options.success({ authSetting: setting }),
    getFuzzyLocation,
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => storage.set(key, value),
    // Tencent Location Service's reverse geocoder, as documented (status 0 and result.address_component).
    request: jest.fn((options: { data: Record<string, unknown>; success(result: { statusCode: number; data: unknown }): void }) =>
      options.success({ statusCode: 200, data: { status: 0, message: 'query ok', result: { address_component: { nation: '中国', province: '上海市', city: '上海市', district: '黄浦区' } } } }),
    ),
  };
  let location!: typeof import('./location');
  jest.isolateModules(() => {
    jest.doMock('../config/index', () => ({ CITY_LOOKUP: { url: 'https://apis.map.qq.com/ws/geocoder/v1/', key: lbsKey } }));
    location = require('./location');
  });
  const request = (globalThis as unknown as { wx: { request: jest.Mock } }).wx.request;
  return { location, getFuzzyLocation, request, stored: () => storage.get('location.last') as LastLocation | undefined };
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

test('adds X-city from the reverse geocoder when a key is configured, and not without one', () => {
  const withKey = launch({}, 'LBS-KEY');
  withKey.location.refreshLocation();
  expect(withKey.request).toHaveBeenCalledWith(expect.objectContaining({ data: { location: '31.23,121.47', key: 'LBS-KEY', get_poi: 0 } }));
  expect(withKey.location.locationHeaders()).toEqual({ 'X-location': '121.47000,31.23000', 'X-city': encodeURIComponent('上海市') });

  const withoutKey = launch({});
  withoutKey.location.refreshLocation();
  expect(withoutKey.request).not.toHaveBeenCalled();
  expect(withoutKey.location.locationHeaders()).toEqual({ 'X-location': '121.47000,31.23000' });
});

test('never asks again once the user said no', () => {
  const { location, getFuzzyLocation } = launch({ 'scope.userFuzzyLocation': false });
  location.refreshLocation();
  expect(getFuzzyLocation).not.toHaveBeenCalled();
  expect(location.locationHeaders()).toEqual({});
});
