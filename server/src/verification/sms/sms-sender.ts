/** One SMS vendor: sends the verification-code message, or throws when the vendor did not accept it. */
export interface SmsSender {
  send(phone: string, code: string): Promise<void>;
}

export const SMS_SENDER = Symbol('SMS_SENDER');

/** How long a vendor call may take before the send counts as failed. */
export const SMS_TIMEOUT_MS = 8000;

/** The code's validity in minutes, as the vendors' templates state it. */
export const SMS_CODE_MINUTES = 5;
