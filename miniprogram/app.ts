import { login } from './services/auth';

/**
 * Logs in at once so the session is ready by the time the first page asks for data; pages wait for
 * `globalData.session`. A failed login is not shown here: the launch page offers to try again.
 */
App<IAppOption>({
  globalData: { session: null },
  onLaunch() {
    const session = login();
    // The launch page reports a failure; this only keeps it from being an unhandled rejection.
    session.catch(() => undefined);
    this.globalData.session = session;
  },
});
