import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Public } from '../auth/public.decorator';
import { Ctx, RequestContext } from '../common/request-context';
import { AdminLoginResponse } from '@shanqian/shared';
import { AdminAuthService } from './admin-auth.service';
import { AdminPrincipal, CurrentAdmin } from './admin-route.decorator';
import { AdminLoginDto, ChangePasswordDto } from './dto/admin-login.dto';

@Controller('admin')
export class AdminAuthController {
  constructor(private readonly auth: AdminAuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() body: AdminLoginDto, @Ctx() context: RequestContext): Promise<AdminLoginResponse> {
    return this.auth.login(body.username, body.password, context.ip);
  }

  @Post('logout')
  @HttpCode(200)
  async logout(@CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<null> {
    await this.auth.logout(admin, context.ip);
    return null;
  }

  @Post('password')
  @HttpCode(200)
  async changePassword(@Body() body: ChangePasswordDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<null> {
    await this.auth.changePassword(admin, body.current_password, body.new_password, context.ip);
    return null;
  }
}
