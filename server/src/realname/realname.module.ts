import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ApplicationsModule } from '../applications/applications.module';
import { AuthModule } from '../auth/auth.module';
import { EmployeeModule } from '../employee/employee.module';
import { UploadModule } from '../upload/upload.module';
import { LocalRealnameProvider } from './local-realname.provider';
import { REALNAME_PROVIDER, RealnameProvider } from './realname-provider';
import { RealnameCheckRepository } from './realname-check.repository';
import { RealnameController } from './realname.controller';
import { RealnameService } from './realname.service';
import { TencentRealnameProvider } from './tencent-realname.provider';

@Module({
  imports: [ApplicationsModule, AuthModule, EmployeeModule, UploadModule],
  controllers: [RealnameController],
  providers: [
    RealnameService,
    RealnameCheckRepository,
    {
      provide: REALNAME_PROVIDER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): RealnameProvider =>
        config.realname.provider === 'tencent' ? new TencentRealnameProvider(config.realname) : new LocalRealnameProvider(),
    },
  ],
  exports: [RealnameService],
})
export class RealnameModule {}
