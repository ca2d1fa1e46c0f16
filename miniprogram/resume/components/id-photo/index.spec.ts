import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { uploadImage } from '../../../services/upload';
import { showError } from '../../../utils/feedback';

jest.mock('../../../services/upload');
jest.mock('../../../utils/feedback');

const photo = simulate.load(path.join(__dirname, 'index'), { rootPath: path.join(__dirname, '../../..') });

type Photo = ReturnType<typeof simulate.render>;

const MB = 1024 * 1024;

function camera(size: number): void {
  jest.spyOn(wx, 'chooseMedia').mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://photo.jpg', size, fileType: 'image' }], type: 'image' } as never);
}

async function render(url = ''): Promise<{ photo: Photo; uploaded: jest.Mock }> {
  const component = simulate.render(photo, { label: '人像面', url });
  const uploaded = jest.fn();
  component.addEventListener('change', uploaded);
  component.attach(document.createElement('parent-wrapper'));
  await simulate.sleep(0);
  return { photo: component, uploaded };
}

async function tap(component: Photo, selector: string, event = 'tap'): Promise<void> {
  component.querySelector(selector)!.dispatchEvent(event);
  await simulate.sleep(0);
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(wx, 'compressImage').mockResolvedValue({ tempFilePath: 'wxfile://small.jpg' } as never);
  jest.spyOn(wx, 'previewImage');
  jest.spyOn(wx, 'showToast');
});

it('takes a photo with the compressed size, shrinks a large one further and uploads it', async () => {
  camera(3 * MB);
  jest.mocked(uploadImage).mockResolvedValue('http://api/image/k?sig=1');
  const { photo: component, uploaded } = await render();
  expect(component.dom!.textContent).toContain('点击拍摄人像面');
  await tap(component, '.id-photo__frame');
  expect(wx.chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ count: 1, mediaType: ['image'], sizeType: ['compressed'] }));
  expect(wx.compressImage).toHaveBeenCalledWith(expect.objectContaining({ src: 'wxfile://photo.jpg' }));
  expect(uploadImage).toHaveBeenCalledWith('wxfile://small.jpg');
  expect(uploaded).toHaveBeenCalledWith(expect.objectContaining({ detail: { url: 'http://api/image/k?sig=1' } }));
  expect(component.data.src).toBe('wxfile://small.jpg');
  expect(component.dom!.textContent).toContain('已上传');
});

it('uploads a small photo as it is', async () => {
  camera(300 * 1024);
  jest.mocked(uploadImage).mockResolvedValue('http://api/image/k?sig=1');
  const { photo: component } = await render();
  await tap(component, '.id-photo__frame');
  expect(wx.compressImage).not.toHaveBeenCalled();
  expect(uploadImage).toHaveBeenCalledWith('wxfile://photo.jpg');
});

it('keeps the photo after a failed upload and tries again on a tap, without a new photo', async () => {
  camera(300 * 1024);
  jest.mocked(uploadImage).mockRejectedValueOnce(new Error('uploadFile:fail timeout')).mockResolvedValueOnce('http://api/image/k?sig=2');
  const { photo: component, uploaded } = await render();
  await tap(component, '.id-photo__frame');
  expect(component.data.state).toBe('failed');
  expect(component.dom!.textContent).toContain('上传失败，点击重试');
  expect(showError).toHaveBeenCalled();
  expect(uploaded).not.toHaveBeenCalled();

  await tap(component, '.id-photo__frame');
  expect(wx.chooseMedia).toHaveBeenCalledTimes(1);
  expect(uploadImage).toHaveBeenLastCalledWith('wxfile://photo.jpg');
  expect(uploaded).toHaveBeenCalledWith(expect.objectContaining({ detail: { url: 'http://api/image/k?sig=2' } }));
});

it('says nothing when the worker cancels the camera', async () => {
  jest.spyOn(wx, 'chooseMedia').mockRejectedValue({ errMsg: 'chooseMedia:fail cancel' });
  const { photo: component } = await render();
  await tap(component, '.id-photo__frame');
  expect(wx.showToast).not.toHaveBeenCalled();
  expect(uploadImage).not.toHaveBeenCalled();
});

it('previews an uploaded photo on a tap and offers to take it again', async () => {
  camera(300 * 1024);
  jest.mocked(uploadImage).mockResolvedValue('http://api/image/new?sig=3');
  const { photo: component, uploaded } = await render('http://api/image/old?sig=0');
  await tap(component, '.id-photo__frame');
  expect(wx.previewImage).toHaveBeenCalledWith(expect.objectContaining({ urls: ['http://api/image/old?sig=0'] }));
  expect(component.dom!.textContent).toContain('重新拍摄');
  await tap(component, '#retake', 'click');
  expect(uploaded).toHaveBeenCalledWith(expect.objectContaining({ detail: { url: 'http://api/image/new?sig=3' } }));
});

it('tells an expired preview link apart from a missing photo', async () => {
  const { photo: component } = await render('http://api/image/old?sig=0');
  await tap(component, '.id-photo__image', 'error');
  expect(component.dom!.textContent).toContain('照片已上传（预览已过期）');
});
