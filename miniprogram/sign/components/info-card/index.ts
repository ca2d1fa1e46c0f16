import type { InfoRow } from '../../utils/format';

/**
 * A white card of label–value rows (the contract's terms, the signer, the signed document), with room
 * below for an action. Values wrap instead of being cut: a company name must be read whole.
 */
Component({
  properties: {
    title: String,
    rows: { type: Array, value: [] as InfoRow[] },
  },
});
