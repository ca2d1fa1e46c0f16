/** What a real-name check is asked: the resume's name and ID number, and optionally a selfie for a face comparison. */
export interface RealnameQuery {
  name: string;
  idNumber: string;
  selfie?: Buffer;
}

export interface RealnameVerdict {
  passed: boolean;
  /** Why it failed, in Chinese, for the worker. */
  reason?: string;
  /** The provider's request id. */
  providerRef?: string;
}

/** One real-name service behind one interface (Tencent Cloud FaceID, or the local checks for development). */
export interface RealnameProvider {
  readonly name: 'local' | 'tencent';
  /** Answers a verdict; throws RealnameProviderError when the service could not give one. */
  check(query: RealnameQuery): Promise<RealnameVerdict>;
}

export const REALNAME_PROVIDER = Symbol('REALNAME_PROVIDER');

/** The service failed to answer (network, quota, its own outage): no verdict on the worker. */
export class RealnameProviderError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly providerRef?: string,
  ) {
    super(message);
  }
}
