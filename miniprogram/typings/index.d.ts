import type { WeixinLoginResponse } from '@shanqian/shared';

declare global {
  /** The app instance (`getApp<IAppOption>()`). */
  interface IAppOption {
    globalData: {
      /**
       * The login started at launch: pages that need the session first (launch, home) wait for it
       * instead of logging in a second time. null after a logout.
       */
      session: Promise<WeixinLoginResponse> | null;
    };
  }
}
