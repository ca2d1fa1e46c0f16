import { Controller, HttpCode, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { AuthenticatedUser, CurrentUser } from '../auth/current-user.decorator';
import { Ctx, RequestContext } from '../common/request-context';
import type { RealnameResponse } from '@shanqian/shared';
import { MulterErrorsInterceptor } from '../upload/upload-errors.interceptor';
import { RealnameService } from './realname.service';

@Controller('verify')
export class RealnameController {
  constructor(private readonly realname: RealnameService) {}

  /**
   * Multipart with an optional `selfie` image, or an empty body: multer reads only multipart bodies
   * and lets others through (wx.request sends an empty POST as application/json).
   */
  @Post('realname')
  @HttpCode(200)
  @UseInterceptors(MulterErrorsInterceptor, FileInterceptor('selfie'))
  verify(@UploadedFile() selfie: Express.Multer.File | undefined, @CurrentUser() user: AuthenticatedUser, @Ctx() context: RequestContext): Promise<RealnameResponse> {
    return this.realname.verify(user.userId, selfie, context);
  }
}
