import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'shanqian:public';

/** The endpoint needs no X-auth-token (login and captcha only, per the seed). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
