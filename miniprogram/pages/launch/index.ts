import { login } from '../../services/auth';
import { errorText } from '../../utils/feedback';
import { getStored, setStored } from '../../utils/storage';

type Phase = 'intro' | 'entering' | 'failed';

interface LaunchData {
  phase: Phase;
  /** Why logging in failed, in the user's words. */
  error: string;
}

type LaunchMethods = {
  onLoad(): void;
  onStart(): void;
  onRetry(): void;
  onPrivacy(): void;
  enter(): Promise<void>;
};

/**
 * The first page: explains once what the app is for and what it collects, then waits for the login
 * app.ts started and moves on to the home page. A failed login can be retried here.
 */
Component<LaunchData, {}, LaunchMethods, [], {}, true>({
  data: { phase: 'entering', error: '' },
  methods: {
    onLoad() {
      if (getStored('launch.introSeen')) void this.enter();
      else this.setData({ phase: 'intro' });
    },
    onStart() {
      setStored('launch.introSeen', true);
      void this.enter();
    },
    onRetry() {
      void this.enter();
    },
    onPrivacy() {
      wx.navigateTo({ url: '/pages/privacy/index' });
    },
    async enter() {
      this.setData({ phase: 'entering', error: '' });
      const app = getApp<IAppOption>();
      const session = app.globalData.session ?? login();
      app.globalData.session = session;
      try {
        await session;
        wx.reLaunch({ url: '/pages/home/index' });
      } catch (error) {
        // The next try asks WeChat for a new code.
        app.globalData.session = null;
        this.setData({ phase: 'failed', error: errorText(error) });
      }
    },
  },
});
