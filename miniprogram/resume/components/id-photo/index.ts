import { uploadImage } from '../../../services/upload';
import { showError } from '../../../utils/feedback';

/**
 * One side of the ID card: take (or pick) a photo, shrink it, upload it, and hand the uploaded URL
 * to the page. The local copy stays on screen while it uploads, after a failure (tap to try again
 * without taking it anew) and after success; “查看大图” and “重新拍摄” once there is a photo.
 */

/** Photos above this size are compressed again: ID photos upload over weak networks, and 5 MB is the server's limit. */
const COMPRESS_ABOVE_BYTES = 1024 * 1024;
/** Wide enough to read every character of the card. */
const COMPRESSED_WIDTH = 1600;
const COMPRESS_QUALITY = 70;

type State = 'idle' | 'uploading' | 'failed' | 'done';

type Props = {
  label: StringConstructor;
  hint: StringConstructor;
  /** The uploaded photo's URL ('' while there is none). */
  url: StringConstructor;
  error: StringConstructor;
};

type Data = {
  /** The photo on this phone, once taken here. */
  localPath: string;
  /** What the frame shows: the local photo, else the uploaded one. */
  src: string;
  state: State;
  /** The uploaded photo's link no longer loads (signed links last about an hour). */
  expired: boolean;
};

type Methods = {
  onTap(): void;
  take(): Promise<void>;
  upload(): Promise<void>;
  preview(): void;
  onImageError(): void;
};

/** A smaller copy of a large photo, or the photo itself when it is small or compressing fails. */
async function shrink(file: WechatMiniprogram.MediaFile): Promise<string> {
  if (file.size <= COMPRESS_ABOVE_BYTES) return file.tempFilePath;
  try {
    const { tempFilePath } = await wx.compressImage({ src: file.tempFilePath, quality: COMPRESS_QUALITY, compressedWidth: COMPRESSED_WIDTH });
    return tempFilePath;
  } catch {
    return file.tempFilePath;
  }
}

const cancelled = (error: unknown) => /cancel/.test((error as { errMsg?: string } | null)?.errMsg ?? '');

Component<Data, Props, Methods, []>({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    label: String,
    hint: String,
    url: String,
    error: String,
  },
  data: {
    localPath: '',
    src: '',
    state: 'idle',
    expired: false,
  },
  observers: {
    'url, localPath'(url: string, localPath: string) {
      this.setData({ src: localPath || url, expired: false });
    },
  },
  methods: {
    onTap() {
      if (this.data.state === 'uploading') return;
      if (this.data.state === 'failed') void this.upload();
      else if (this.data.src) this.preview();
      else void this.take();
    },

    async take() {
      if (this.data.state === 'uploading') return;
      let file: WechatMiniprogram.MediaFile;
      try {
        const result = await wx.chooseMedia({ count: 1, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'], camera: 'back' });
        file = result.tempFiles[0];
      } catch (error) {
        if (!cancelled(error)) wx.showToast({ title: '无法打开相机或相册，请在设置中允许', icon: 'none' });
        return;
      }
      this.setData({ localPath: await shrink(file) });
      await this.upload();
    },

    async upload() {
      this.setData({ state: 'uploading' });
      try {
        const url = await uploadImage(this.data.localPath);
        this.setData({ state: 'done' });
        this.triggerEvent('change', { url });
      } catch (error) {
        this.setData({ state: 'failed' });
        showError(error);
      }
    },

    preview() {
      const { src } = this.data;
      if (src) wx.previewImage({ urls: [src], current: src });
    },

    onImageError() {
      this.setData({ expired: true });
    },
  },
});
