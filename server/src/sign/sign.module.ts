import { Module } from '@nestjs/common';
import { UploadModule } from '../upload/upload.module';
import { VerificationModule } from '../verification/verification.module';
import { ApplicationAdminController } from './application-admin.controller';
import { ApplicationAdminService } from './application-admin.service';
import { SignStatusService } from './sign-status.service';
import { SigningController } from './signing.controller';
import { SigningService } from './signing.service';
import { SignController } from './sign.controller';

@Module({
  imports: [UploadModule, VerificationModule],
  controllers: [SignController, SigningController, ApplicationAdminController],
  providers: [SignStatusService, ApplicationAdminService, SigningService],
})
export class SignModule {}
