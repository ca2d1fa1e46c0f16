/** One SMS vendor: sends the verification-code message, or throws when the vendor did not accept it. */
export interface SmsSender {
  send(phone: string, code: string): Promise<void>;
}

export const SMS_SENDER = Symbol('SMS_SENDER');

/** The code's validity in minutes, as the vendors' templates state it. */
export const SMS_CODE_MINUTES = 5;

/** A vendor's refusal or failure as the log may show it: its code, message and request id. */
export class SmsVendorError extends Error {
  constructor(vendor: string, code: unknown, message: unknown, requestId: unknown) {
    // Never the request: the SDKs' network errors name the URL, and Aliyun's query carries the code.
    const text = String(message ?? '').replace(/\?\S*/g, '?…');
    super(`${vendor} SMS failed: ${code || 'no code'} ${text} (RequestId ${requestId || '?'})`);
  }
}

/** Runs one SDK call; whatever it throws comes out as an SmsVendorError. */
export async function callVendor<T>(vendor: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // Tencent's TencentCloudSDKHttpException and Aliyun's ResponseError (whose data is the answer's body).
    const e = error as { code?: string; message?: string; requestId?: string; data?: { Message?: string } };
    throw new SmsVendorError(vendor, e.code, e.data?.Message ?? e.message, e.requestId);
  }
}
