import { logout } from '../../services/auth';
import { getDict } from '../../services/catalog';
import { getEmployee } from '../../services/employee';
import { ApiError } from '../../services/request';
import { showError } from '../../utils/feedback';
import { RESUME_FORM, SIGNED_DOCUMENT } from '../home/home-view';
import { ResumeSection, resumeSections } from './resume-view';

/** GET /employee without a resume. */
const EMPLOYEE_NOT_FOUND = 13002;
/** Application status 3 (已签约). */
const SIGNED = 3;

interface MineData {
  loading: boolean;
  /** No resume submitted yet. */
  missing: boolean;
  failed: boolean;
  sections: ResumeSection[];
  photos: string[];
  signed: boolean;
}

type MineMethods = {
  onLoad(): void;
  load(): Promise<void>;
  onPreview(event: WechatMiniprogram.TouchEvent<{}, {}, { url: string }>): void;
  onFillResume(): void;
  onContract(): void;
  onPrivacy(): void;
  onLogout(): void;
};

/** The resume as submitted (read-only: changes go through the form), the signed contract, logout. */
Component<MineData, {}, MineMethods, [], {}, true>({
  data: { loading: true, missing: false, failed: false, sections: [], photos: [], signed: false },
  methods: {
    onLoad() {
      void this.load();
    },
    async load() {
      this.setData({ loading: true, failed: false });
      try {
        const [employee, gender, marital, political, household, education] = await Promise.all([
          getEmployee(),
          getDict('Gender'),
          getDict('Marital_Sts'),
          getDict('Political_Sts'),
          getDict('Acct_Type'),
          getDict('Edu_Type'),
        ]);
        this.setData({
          loading: false,
          sections: resumeSections(employee, { gender, marital, political, household, education }),
          photos: [employee.id_card_front, employee.id_card_back],
          signed: employee.status === SIGNED,
        });
      } catch (error) {
        if (error instanceof ApiError && error.status === EMPLOYEE_NOT_FOUND) {
          this.setData({ loading: false, missing: true });
          return;
        }
        this.setData({ loading: false, failed: true });
        showError(error);
      }
    },
    onPreview(event) {
      wx.previewImage({ current: event.currentTarget.dataset.url, urls: this.data.photos });
    },
    onFillResume() {
      // In place of this page: back from the form is the home page, which shows the new status.
      wx.redirectTo({ url: RESUME_FORM });
    },
    onContract() {
      wx.navigateTo({ url: SIGNED_DOCUMENT });
    },
    onPrivacy() {
      wx.navigateTo({ url: '/pages/privacy/index' });
    },
    onLogout() {
      wx.showModal({
        title: '退出登录',
        content: '退出后，这台手机上的登录状态和没有提交的简历草稿都会清除。已提交的简历和合同不受影响。',
        confirmText: '退出',
        confirmColor: '#ee0a24',
        success: ({ confirm }) => {
          if (!confirm) return;
          logout();
          getApp<IAppOption>().globalData.session = null;
          wx.reLaunch({ url: '/pages/launch/index' });
        },
      });
    },
  },
});
