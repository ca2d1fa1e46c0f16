import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { WeixinLoginResponse } from '@shanqian/shared';
import { Ctx, RequestContext } from '../common/request-context';
import { AuthService } from './auth.service';
import { WeixinLoginDto } from './dto/weixin-login.dto';
import { Public } from './public.decorator';

@Controller('weixin')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ ip: { limit: 30, ttl: 60_000 } })
  login(@Body() body: WeixinLoginDto, @Ctx() context: RequestContext): Promise<WeixinLoginResponse> {
    return this.auth.login(body.code, context);
  }
}
