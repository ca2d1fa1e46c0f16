import { getStored, setStored } from './storage';

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
        success: ({ longitude, latitude }) => setStored('location.last', { lng: longitude, lat: latitude, at: Date.now() }),
        // Refused or unavailable: requests simply go without the header.
        fail: () => undefined,
      });
    },
  });
}

/** The X-location header for the last location the user allowed, if any. */
export function locationHeaders(): Record<string, string> {
  const last = getStored('location.last');
  if (!last) return {};
  // Comma form: the server reads it for negative coordinates too.
  return { 'X-location': `${last.lng.toFixed(5)},${last.lat.toFixed(5)}` };
}
