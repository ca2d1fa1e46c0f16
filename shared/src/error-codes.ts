/**
 * The one table of non-zero `status` values. Each code has one HTTP status class and a default
 * Chinese message; a response may carry a more precise message (for instance naming the field).
 * Codes are grouped by domain: 10xxx protocol, 11xxx login and session, 12xxx captcha and SMS,
 * 13xxx resume and application, 14xxx catalog, 15xxx uploads, 16xxx back office, 17xxx real-name
 * check and signing, 18xxx partner bridges, 19xxx employer seal and certificates.
 */
export enum ErrorCode {
  ValidationFailed = 10001,
  PlatformCodeMissing = 10002,
  PlatformCodeUnknown = 10003,
  HeaderInvalid = 10004,
  RouteNotFound = 10005,
  PayloadTooLarge = 10006,
  UnsupportedMediaType = 10007,
  RateLimited = 10008,
  InternalError = 10009,
  BodyMalformed = 10010,
  InvalidPathParameter = 10011,
  DatabaseBusy = 10012,
  StoreUnavailable = 10013,

  AuthTokenMissing = 11001,
  AuthTokenInvalid = 11002,
  WechatCodeInvalid = 11003,
  WechatBusy = 11004,
  WechatUserBlocked = 11005,
  WechatUnavailable = 11006,

  CaptchaInvalid = 12001,
  SmsCodeInvalid = 12002,
  SmsCodeAttemptsExceeded = 12003,
  SmsTooFrequent = 12004,
  SmsDailyLimit = 12005,
  SmsSendFailed = 12006,

  EmployeeExists = 13001,
  EmployeeNotFound = 13002,
  PhoneTaken = 13003,
  IdNumberTaken = 13004,
  ApplicationLocked = 13005,
  ApplicationChanged = 13006,
  PrefillNotFound = 13007,

  DictNotFound = 14001,

  UploadMissing = 15001,
  UploadTooLarge = 15002,
  UploadTypeUnsupported = 15003,
  FileLinkInvalid = 15004,
  FileNotFound = 15005,
  PdfRequired = 15006,
  FileStorageUnavailable = 15007,

  AdminCredentialsInvalid = 16001,
  AdminDisabled = 16002,
  AdminForbidden = 16003,
  AdminPasswordInvalid = 16004,
  RecordNotFound = 16005,
  RecordDuplicate = 16006,
  ApplicationStatusConflict = 16007,
  ContractNotUsable = 16008,
  AdminPlatformRequired = 16009,
  AdminLockout = 16010,

  RealnameNotReady = 17001,
  RealnameAttemptsExceeded = 17002,
  RealnameUnavailable = 17003,
  SignNotReady = 17004,
  SignatureImageInvalid = 17005,
  SignAgreementRequired = 17006,
  SignDocumentNotFound = 17007,
  SigningServiceUnavailable = 17008,

  BridgeNotConfigured = 18001,
  PartnerUnavailable = 18002,
  PartnerRejected = 18003,
  PartnerAuthFailed = 18004,

  SealNotAuthorized = 19001,
  SealImageInvalid = 19002,
  CertificateFileInvalid = 19011,
  CertificatePasswordWrong = 19012,
  CertificateKeyMissing = 19013,
  CertificateNotValidNow = 19014,
  CertificateNotForSigning = 19015,
  CompanyCertificateExpired = 19016,
  CompanyCertificateUnreadable = 19017,
}

export interface ErrorCodeInfo {
  http: number;
  msg: string;
}

export const ERROR_CODES: Record<ErrorCode, ErrorCodeInfo> = {
  [ErrorCode.ValidationFailed]: { http: 400, msg: '请求参数有误' },
  [ErrorCode.PlatformCodeMissing]: { http: 400, msg: '缺少请求头 X-platform-code' },
  [ErrorCode.PlatformCodeUnknown]: { http: 403, msg: '未知的平台标识 X-platform-code' },
  [ErrorCode.HeaderInvalid]: { http: 400, msg: '请求头格式有误' },
  [ErrorCode.RouteNotFound]: { http: 404, msg: '接口不存在' },
  [ErrorCode.PayloadTooLarge]: { http: 413, msg: '请求内容过大' },
  [ErrorCode.UnsupportedMediaType]: { http: 415, msg: '不支持的请求内容类型' },
  [ErrorCode.RateLimited]: { http: 429, msg: '请求过于频繁，请稍后再试' },
  [ErrorCode.InternalError]: { http: 500, msg: '服务器内部错误，请稍后再试' },
  [ErrorCode.BodyMalformed]: { http: 400, msg: '请求体格式有误' },
  [ErrorCode.InvalidPathParameter]: { http: 400, msg: '路径参数有误' },
  [ErrorCode.DatabaseBusy]: { http: 503, msg: '服务繁忙，请稍后重试' },
  // Redis unreachable, or the in-memory store full: what needs the shared store waits, the rest keeps answering.
  [ErrorCode.StoreUnavailable]: { http: 503, msg: '服务暂时不可用，请稍后重试' },

  [ErrorCode.AuthTokenMissing]: { http: 401, msg: '请先登录' },
  [ErrorCode.AuthTokenInvalid]: { http: 401, msg: '登录已失效，请重新登录' },
  [ErrorCode.WechatCodeInvalid]: { http: 400, msg: '微信登录凭证无效或已使用，请重新登录' },
  [ErrorCode.WechatBusy]: { http: 503, msg: '微信服务繁忙，请稍后再试' },
  [ErrorCode.WechatUserBlocked]: { http: 403, msg: '该微信账号存在风险，已被微信拦截登录' },
  [ErrorCode.WechatUnavailable]: { http: 502, msg: '暂时无法连接微信服务，请稍后再试' },

  [ErrorCode.CaptchaInvalid]: { http: 400, msg: '图形验证码错误或已过期，请刷新后重试' },
  [ErrorCode.SmsCodeInvalid]: { http: 400, msg: '短信验证码错误或已过期' },
  [ErrorCode.SmsCodeAttemptsExceeded]: { http: 400, msg: '短信验证码错误次数过多，请重新获取' },
  [ErrorCode.SmsTooFrequent]: { http: 429, msg: '短信发送过于频繁，请稍后再试' },
  [ErrorCode.SmsDailyLimit]: { http: 429, msg: '今日短信发送次数已达上限，请明天再试' },
  [ErrorCode.SmsSendFailed]: { http: 502, msg: '短信发送失败，请稍后再试' },

  [ErrorCode.EmployeeExists]: { http: 409, msg: '简历已提交，请使用修改简历（PUT /employee）' },
  [ErrorCode.EmployeeNotFound]: { http: 404, msg: '尚未提交简历' },
  [ErrorCode.PhoneTaken]: { http: 409, msg: '该手机号已被其他简历使用' },
  [ErrorCode.IdNumberTaken]: { http: 409, msg: '该身份证号已被其他简历使用' },
  [ErrorCode.ApplicationLocked]: { http: 409, msg: '签约申请处于待签约或已签约状态，不能修改简历' },
  [ErrorCode.ApplicationChanged]: { http: 409, msg: '签约申请刚被他人修改，请刷新后重试' },
  [ErrorCode.PrefillNotFound]: { http: 404, msg: '没有该手机号的预填简历' },

  [ErrorCode.DictNotFound]: { http: 404, msg: '字典不存在' },

  [ErrorCode.UploadMissing]: { http: 400, msg: '请在字段 file 中上传文件' },
  [ErrorCode.UploadTooLarge]: { http: 413, msg: '文件过大' },
  [ErrorCode.UploadTypeUnsupported]: { http: 415, msg: '只支持 JPEG、PNG 或 WebP 图片' },
  [ErrorCode.FileLinkInvalid]: { http: 403, msg: '文件链接无效或已过期' },
  [ErrorCode.FileNotFound]: { http: 404, msg: '文件不存在' },
  [ErrorCode.PdfRequired]: { http: 415, msg: '只支持 PDF 文件' },
  // The object store (or the upload disk) failed: nothing was kept, the same request may be sent again.
  [ErrorCode.FileStorageUnavailable]: { http: 503, msg: '文件存储暂时不可用，请稍后重试' },

  [ErrorCode.AdminCredentialsInvalid]: { http: 401, msg: '用户名或密码错误' },
  [ErrorCode.AdminDisabled]: { http: 403, msg: '该账号已停用，请联系管理员' },
  [ErrorCode.AdminForbidden]: { http: 403, msg: '没有权限执行此操作' },
  [ErrorCode.AdminPasswordInvalid]: { http: 400, msg: '当前密码错误' },
  [ErrorCode.RecordNotFound]: { http: 404, msg: '记录不存在' },
  [ErrorCode.RecordDuplicate]: { http: 409, msg: '记录已存在' },
  [ErrorCode.ApplicationStatusConflict]: { http: 409, msg: '签约申请的当前状态不允许此操作' },
  [ErrorCode.ContractNotUsable]: { http: 400, msg: '合同不可用：须为该用人单位的已启用合同' },
  [ErrorCode.AdminPlatformRequired]: { http: 403, msg: '后台接口须使用 X-platform-code: admin' },
  [ErrorCode.AdminLockout]: { http: 409, msg: '此操作会让后台失去可用的超级管理员' },

  [ErrorCode.RealnameNotReady]: { http: 409, msg: '请先提交简历再进行实名认证' },
  [ErrorCode.RealnameAttemptsExceeded]: { http: 429, msg: '今日实名认证次数已达上限，请明天再试' },
  [ErrorCode.RealnameUnavailable]: { http: 502, msg: '实名认证服务暂时不可用，请稍后再试' },
  [ErrorCode.SignNotReady]: { http: 409, msg: '当前不能签署合同' },
  [ErrorCode.SignatureImageInvalid]: { http: 400, msg: '签名图片无效，请重新签名' },
  [ErrorCode.SignAgreementRequired]: { http: 400, msg: '请阅读并同意合同内容后再签署' },
  [ErrorCode.SignDocumentNotFound]: { http: 404, msg: '尚无已签署的合同' },
  [ErrorCode.SigningServiceUnavailable]: { http: 502, msg: '签名服务暂时不可用，请稍后再试' },

  // A 4xx: a bridge left off on purpose is no fault of the server, and monitoring counts 5xx as faults.
  [ErrorCode.BridgeNotConfigured]: { http: 409, msg: '合作方接口未配置' },
  [ErrorCode.PartnerUnavailable]: { http: 502, msg: '合作方服务暂时不可用，请稍后再试' },
  [ErrorCode.PartnerRejected]: { http: 502, msg: '合作方拒绝了请求' },
  [ErrorCode.PartnerAuthFailed]: { http: 502, msg: '合作方接口的认证信息有误，请检查配置' },

  [ErrorCode.SealNotAuthorized]: { http: 409, msg: '该用人单位尚未授权自动盖章，请超级管理员先完成盖章授权' },
  [ErrorCode.SealImageInvalid]: { http: 400, msg: '印章图片无效：须为透明背景的 PNG 图片' },
  [ErrorCode.CertificateFileInvalid]: { http: 400, msg: '证书文件无效：须为 PKCS#12（.p12/.pfx）文件' },
  [ErrorCode.CertificatePasswordWrong]: { http: 400, msg: '证书密码错误' },
  [ErrorCode.CertificateKeyMissing]: { http: 400, msg: '证书文件中没有私钥或与私钥匹配的证书' },
  [ErrorCode.CertificateNotValidNow]: { http: 400, msg: '证书已过期或尚未生效' },
  [ErrorCode.CertificateNotForSigning]: { http: 400, msg: '证书不能用于签名：须为电子签名用的用户证书（不能是 CA 证书）' },
  [ErrorCode.CompanyCertificateExpired]: { http: 409, msg: '该用人单位上传的签名证书已过期，请上传新证书或删除它改用平台签发的证书' },
  [ErrorCode.CompanyCertificateUnreadable]: { http: 409, msg: '该用人单位上传的签名证书无法读取，请重新上传' },
};
