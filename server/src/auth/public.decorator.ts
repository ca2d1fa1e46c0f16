import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'shanqian:public';

/**
 * The route needs no session: outside `/admin/`, no X-auth-token (WeChat login, captcha, SMS…);
 * under `/admin/`, no Bearer session, though still `X-platform-code: admin` (the admin login only).
 */
export const Public = () => SetMetadata(IS_PUBLIC, true);
