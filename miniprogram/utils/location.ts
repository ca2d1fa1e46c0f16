import { CITY_LOOKUP } from '../config/index';
import { getStored, setStored, type LastLocation } from './storage';

/**
 * The worker's approximate location, sent as X-location so the server can record where an application
 * came from. Asked at most once per launch (never per request), read with the fuzzy API (city-level
 * precision is all the record needs), and never asked again once the user said no.
 */
let askedThisLaunch = false;

export function refreshLocation(): void {
  if (askedThisLaunch) return;
  askedThisLaunch = true;
  wx.getSetting({
    success: ({ authSetting }) => {
      if (authSetting['scope.userFuzzyLocation'] === false) return;
      wx.getFuzzyLocation({
        type: 'wgs84',
        success: ({ longitude, latitude }) => {
          const last: LastLocation = { lng: longitude, lat: latitude, at: Date.now() };
          setStored('location.last', last);
          lookUpCity(last);
        },
        // Refused or unavailable: requests simply go without the header.
        fail: () => undefined,
      });
    },
  });
}

/** Adds the city name to the stored location, in the background; without it requests just carry no X-city. */
function lookUpCity(last: LastLocation): void {
  if (!CITY_LOOKUP.key) return;
  wx.request({
    url: CITY_LOOKUP.url,
    data: { location: `${last.lat},${last.lng}`, key: CITY_LOOKUP.key, get_poi: 0 },
    success: ({ statusCode, data }) => {
      const answer = data as { status?: number; result?: { address_component?: { city?: string } } };
      const city = answer.result?.address_component?.city;
      if (statusCode === 200 && answer.status === 0 && city) setStored('location.last', { ...last, city });
    },
    fail: () => undefined,
  });
}

/** X-location (and X-city, when known) for the last location the user allowed, if any. */
export function locationHeaders(): Record<string, string> {
  const last = getStored('location.last');
  if (!last) return {};
  // Comma form: the server reads it for negative coordinates too. The city goes percent-encoded: headers carry no raw UTF-8.
  return { 'X-location': `${last.lng.toFixed(5)},${last.lat.toFixed(5)}`, ...(last.city ? { 'X-city': encodeURIComponent(last.city) } : {}) };
}
