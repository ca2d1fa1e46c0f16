import path from 'node:path';
import simulate from 'miniprogram-simulate';
import type { ContractPreviewResponse } from '@shanqian/shared';
import { ApiError } from '../../../services/request';
import { getContract } from '../../../services/sign';
import { showError } from '../../../utils/feedback';
import { DOWNLOADED_PDF, fire, openPage as renderPage, stubPdfViewer, text } from '../../../test/page-harness';

jest.mock('../../../services/sign');
jest.mock('../../../utils/feedback');

const id = simulate.load(path.join(__dirname, 'index'), { rootPath: path.join(__dirname, '../../..') });

const preview: ContractPreviewResponse = {
  application_id: 42,
  application_no: 'SQ00000042',
  preview_url: 'http://127.0.0.1:3000/image/3f?expires=1&sig=a',
  expires_in: 3600,
  filled_sha256: '9c'.repeat(32),
  terms: {
    contract_name: '劳动合同（标准版）',
    company_name: '闪签云示范科技有限公司',
    contract_body: '闪签云人力资源有限公司',
    worker_name: '王小明',
    id_number_masked: '1101**********1234',
    phone: '13912345678',
    position: '普工',
    salary: '6500.50',
    entry_date: '2026-12-01',
    term_years: 3,
    end_date: '2029-11-30',
  },
};

const openPage = () => renderPage(id);

describe('contract page', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    jest.spyOn(wx, 'navigateTo');
    jest.spyOn(wx, 'showToast');
  });

  it('shows every key term on the card', async () => {
    jest.mocked(getContract).mockResolvedValue(preview);
    const page = await openPage();
    const card = text(page);
    for (const shown of ['SQ00000042', '劳动合同（标准版）', '闪签云示范科技有限公司', '闪签云人力资源有限公司', '王小明', '1101**********1234', '普工', '6,500.50 元/月', '2026-12-01', '3 年（2026-12-01 至 2029-11-30）']) {
      expect(card).toContain(shown);
    }
    expect(card).toContain('我已阅读并确认以上内容及合同全文');
  });

  it('refuses to continue until the worker confirms, then goes to the signature', async () => {
    jest.mocked(getContract).mockResolvedValue(preview);
    const page = await openPage();
    await fire(page, '#next', 'click');
    expect(wx.navigateTo).not.toHaveBeenCalled();
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先阅读合同并勾选确认' }));
    await fire(page, '#confirm', 'change', true);
    await fire(page, '#next', 'click');
    expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/sign/pages/signature/index' }));
  });

  it('opens the filled contract as a PDF with the save and forward menu', async () => {
    jest.mocked(getContract).mockResolvedValue(preview);
    const { download, open } = stubPdfViewer();
    const page = await openPage();
    await fire(page, '#open-contract', 'click');
    expect(download).toHaveBeenCalledWith(expect.objectContaining({ url: preview.preview_url }));
    expect(open).toHaveBeenCalledWith(expect.objectContaining({ filePath: DOWNLOADED_PDF, fileType: 'pdf', showMenu: true }));
    expect(showError).not.toHaveBeenCalled();
  });

  it('gets a new link when the old one has expired', async () => {
    jest.mocked(getContract)
      .mockResolvedValueOnce(preview)
      .mockResolvedValueOnce({ ...preview, preview_url: 'http://127.0.0.1:3000/image/3f?expires=2&sig=b' });
    const { download, open } = stubPdfViewer((url) => (url.endsWith('sig=a') ? 403 : 200));
    const page = await openPage();
    await fire(page, '#open-contract', 'click');
    expect(download.mock.calls.map(([options]) => options.url)).toEqual([preview.preview_url, 'http://127.0.0.1:3000/image/3f?expires=2&sig=b']);
    expect(open).toHaveBeenCalled();
  });

  it('explains when there is nothing to sign and leads home', async () => {
    jest.mocked(getContract).mockRejectedValue(new ApiError(17004, 409, '当前不能签署合同：签约申请审核中'));
    const page = await openPage();
    expect(page.querySelector('#not-ready')).toBeTruthy();
    expect(text(page)).toContain('当前不能签署合同：签约申请审核中');
    expect(page.querySelector('#next')).toBeFalsy();
    expect(page.querySelector('#home')).toBeTruthy();
    expect(showError).not.toHaveBeenCalled();
  });

  it('offers a retry when the network failed', async () => {
    jest.mocked(getContract).mockRejectedValueOnce(new Error('request:fail timeout')).mockResolvedValueOnce(preview);
    const page = await openPage();
    expect(showError).toHaveBeenCalled();
    expect(page.querySelector('#load-failed')).toBeTruthy();
    await fire(page, '#reload', 'click');
    expect(page.data.phase).toBe('ready');
  });
});
