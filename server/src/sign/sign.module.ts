import { Module } from '@nestjs/common';
import { SignStatusService } from './sign-status.service';
import { SignController } from './sign.controller';

@Module({
  controllers: [SignController],
  providers: [SignStatusService],
})
export class SignModule {}
