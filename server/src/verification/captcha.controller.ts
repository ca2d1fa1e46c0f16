import { Controller, Get, Query, Req, Res, UseGuards } from '@nestjs/common';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { CaptchaJsonResponse } from '@shanqian/shared';
import type { Request, Response } from 'express';
import { Public } from '../auth/public.decorator';
import { envelope, RawResponse } from '../common/envelope';
import { CAPTCHA_TTL_MS, CaptchaService } from './captcha.service';

export const CAPTCHA_COOKIE = 'captcha_id';

@Controller('captcha')
export class CaptchaController {
  constructor(private readonly captchas: CaptchaService) {}

  /**
   * The SVG itself (what an <img> or a browser wants), or with `format=json` the envelope carrying
   * the id and a data URI, for the mini-program, whose wx.request keeps no cookies.
   */
  @Public()
  @Get()
  @RawResponse()
  @UseGuards(ThrottlerGuard)
  @Throttle({ ip: { limit: 60, ttl: 60_000 } })
  async captcha(@Query('format') format: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { captchaId, svg } = await this.captchas.issue();
    res.setHeader('Cache-Control', 'no-store');
    res.cookie(CAPTCHA_COOKIE, captchaId, { httpOnly: true, sameSite: 'lax', maxAge: CAPTCHA_TTL_MS, path: '/', secure: req.secure });
    if (format === 'json') {
      const data: CaptchaJsonResponse = { captcha_id: captchaId, image: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
      res.json(envelope(0, '', data, false));
      return;
    }
    res.type('image/svg+xml').send(svg);
  }
}
