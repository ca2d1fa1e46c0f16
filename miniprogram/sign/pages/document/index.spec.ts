import path from 'node:path';
import simulate from 'miniprogram-simulate';
import type { SignedDocumentResponse } from '@shanqian/shared';
import { ApiError } from '../../../services/request';
import { getSignedDocument } from '../../../services/sign';
import { showError } from '../../../utils/feedback';
import { DOWNLOADED_PDF, fire, openPage as renderPage, stubPdfViewer, text, type Rendered } from '../../../test/page-harness';

jest.mock('../../../services/sign');
jest.mock('../../../utils/feedback');

const id = simulate.load(path.join(__dirname, 'index'), { rootPath: path.join(__dirname, '../../..') });

const signed: SignedDocumentResponse = {
  application_id: 42,
  application_no: 'SQ00000042',
  url: 'http://127.0.0.1:3000/image/7a?expires=1&sig=a',
  expires_in: 3600,
  sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  signed_at: '2026-11-23T08:00:00.000Z',
  timestamp_at: '2026-11-23T08:00:01.000Z',
};

const openPage = () => renderPage(id);
const tap = (page: Rendered, selector: string): Promise<void> => fire(page, selector, 'click');

describe('signed document page', () => {
  beforeEach(() => {
    jest.clearAllMocks();
  });

  it('shows when and what was signed, in Beijing time, with a short SHA-256', async () => {
    jest.mocked(getSignedDocument).mockResolvedValue(signed);
    const page = await openPage();
    const shown = text(page);
    expect(shown).toContain('SQ00000042');
    expect(shown).toContain('2026-11-23 16:00:00');
    expect(shown).toContain('2026-11-23 16:00:01');
    expect(shown).toContain('e3b0c442…7852b855');
    expect(shown).toContain('免费查看和下载');
  });

  it('copies the whole SHA-256', async () => {
    jest.mocked(getSignedDocument).mockResolvedValue(signed);
    const copy = jest.spyOn(wx, 'setClipboardData');
    const page = await openPage();
    await tap(page, '#copy-hash');
    expect(copy).toHaveBeenCalledWith(expect.objectContaining({ data: signed.sha256 }));
  });

  it('opens the signed PDF with the menu to save or forward it', async () => {
    jest.mocked(getSignedDocument).mockResolvedValue({ ...signed, timestamp_at: null });
    const { download, open } = stubPdfViewer();
    const page = await openPage();
    expect(text(page)).not.toContain('可信时间戳');
    await tap(page, '#open-document');
    expect(download).toHaveBeenCalledWith(expect.objectContaining({ url: signed.url }));
    expect(open).toHaveBeenCalledWith(expect.objectContaining({ filePath: DOWNLOADED_PDF, fileType: 'pdf', showMenu: true }));
    expect(showError).not.toHaveBeenCalled();
  });

  it('shows a failed download through feedback', async () => {
    jest.mocked(getSignedDocument).mockResolvedValue(signed);
    jest.spyOn(wx, 'downloadFile').mockImplementation((options) => {
      options.fail!({ errMsg: 'downloadFile:fail timeout' });
      return undefined as never;
    });
    const page = await openPage();
    await tap(page, '#open-document');
    expect(showError).toHaveBeenCalledWith(expect.any(Error));
  });

  it('says so before anything was signed', async () => {
    jest.mocked(getSignedDocument).mockRejectedValue(new ApiError(17007, 404, '尚无已签署的合同'));
    const page = await openPage();
    expect(page.querySelector('#not-signed')).toBeTruthy();
    expect(text(page)).toContain('尚无已签署的合同');
    expect(page.querySelector('#open-document')).toBeFalsy();
    expect(showError).not.toHaveBeenCalled();
  });
});
