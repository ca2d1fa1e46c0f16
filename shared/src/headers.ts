/** Request and response headers of the API (seed §1.1.2), lower-cased as Node sees them. */
export const HEADER = {
  platformCode: 'x-platform-code',
  uniqueKey: 'x-unique-key',
  authToken: 'x-auth-token',
  location: 'x-location',
  city: 'x-city',
} as const;
