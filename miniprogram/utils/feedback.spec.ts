import { ApiError, NetworkError } from '../services/request';
import { showError } from './feedback';

const showToast = jest.fn();
const showModal = jest.fn();
(globalThis as { wx?: unknown }).wx = { showToast, showModal };

beforeEach(() => jest.clearAllMocks());

test('a server error shows its message, without the field name', () => {
  showError(new ApiError(10001, 400, 'phone: 应为 11 位中国大陆手机号'));
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '应为 11 位中国大陆手机号', icon: 'none' }));
});

test('a long message goes to a dialog, so none of it is cut off', () => {
  showError(new ApiError(13005, 409, '签约申请处于待签约或已签约状态，不能修改简历'));
  expect(showToast).not.toHaveBeenCalled();
  expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '签约申请处于待签约或已签约状态，不能修改简历', showCancel: false }));
});

test('no answer from the server reads as a network problem', () => {
  showError(new NetworkError('request:fail timeout'));
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不太好，请稍后重试' }));
});

test('anything else is a plain apology, never a stack trace', () => {
  showError(new TypeError('x is undefined'));
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '出了点问题，请稍后重试' }));
});
