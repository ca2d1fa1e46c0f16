import { getStatus } from '../../services/employee';
import { showError } from '../../utils/feedback';
import { refreshLocation } from '../../utils/location';
import { HomeView, homeView, SIGN_STEPS } from './home-view';

interface HomeData {
  /** Nothing loaded yet: a spinner instead of the card. */
  loading: boolean;
  /** The first load failed: a retry button instead of the card. */
  failed: boolean;
  view: HomeView | null;
  signSteps: typeof SIGN_STEPS;
}

/** A type alias, not an interface: Component wants methods indexable by name. */
type HomeMethods = {
  load(): Promise<void>;
  onShow(): void;
  onPullDownRefresh(): void;
  onAction(): void;
  onRetry(): void;
  onMine(): void;
};

/** The worker's next step, from /em_status; reloaded whenever the page shows (back from a form, a signing). */
Component<HomeData, {}, HomeMethods, [], {}, true>({
  data: { loading: true, failed: false, view: null, signSteps: SIGN_STEPS },
  methods: {
    async load() {
      try {
        const view = homeView(await getStatus());
        this.setData({ view, loading: false, failed: false });
      } catch (error) {
        // Keep what was shown before; only an empty page turns into "retry".
        this.setData({ loading: false, failed: this.data.view === null });
        showError(error);
      }
    },
    onShow() {
      void this.load();
    },
    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },
    onAction() {
      const action = this.data.view?.action;
      if (!action) return;
      if (action.applies) refreshLocation();
      wx.navigateTo({ url: action.url });
    },
    onRetry() {
      this.setData({ loading: true, failed: false });
      void this.load();
    },
    onMine() {
      wx.navigateTo({ url: '/pages/mine/index' });
    },
  },
});
