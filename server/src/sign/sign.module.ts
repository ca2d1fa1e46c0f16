import { Module } from '@nestjs/common';
import { UploadModule } from '../upload/upload.module';
import { VerificationModule } from '../verification/verification.module';
import { SignStatusService } from './sign-status.service';
import { SigningController } from './signing.controller';
import { SigningService } from './signing.service';
import { SignController } from './sign.controller';

@Module({
  imports: [UploadModule, VerificationModule],
  controllers: [SignController, SigningController],
  providers: [SignStatusService, SigningService],
})
export class SignModule {}
