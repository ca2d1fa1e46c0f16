/** Characters kept at each end of a masked ID number: the region prefix and the tail people quote to tell records apart. */
const KEPT = 4;

/**
 * An ID number as lists and logs may show it: `110101199506150012` → `1101**********0012`. Numbers too
 * short to keep both ends without revealing most of them are masked whole.
 */
export function maskIdNumber(id: string): string {
  const value = id.trim();
  if (value.length <= KEPT * 2) return '*'.repeat(value.length);
  return `${value.slice(0, KEPT)}${'*'.repeat(value.length - KEPT * 2)}${value.slice(-KEPT)}`;
}

/** A mobile number as lists and logs may show it: `13812345678` → `138****5678`. */
export const maskPhone = (phone: string): string => `${phone.slice(0, 3)}****${phone.slice(-4)}`;
