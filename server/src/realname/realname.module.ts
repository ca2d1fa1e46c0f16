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
        config.realname.provider === 'tencent' ? tencentProvider(config.realname) : new LocalRealnameProvider(),
    },
  ],
  exports: [RealnameService],
})
export class RealnameModule {}

/** A vendor's SDK is loaded only when it is the configured one: each costs 0.1-0.3 s of start-up. */
function tencentProvider(config: Extract<AppConfig['realname'], { provider: 'tencent' }>): RealnameProvider {
  const { TencentRealnameProvider } = require('./tencent-realname.provider') as typeof import('./tencent-realname.provider');
  return new TencentRealnameProvider(config);
}
