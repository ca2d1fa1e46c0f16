import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UploadModule } from '../upload/upload.module';
import { LocalRealnameProvider } from './local-realname.provider';
import { REALNAME_PROVIDER, RealnameProvider } from './realname-provider';
import { RealnameController } from './realname.controller';
import { RealnameService } from './realname.service';
import { TencentRealnameProvider } from './tencent-realname.provider';

@Module({
  imports: [UploadModule],
  controllers: [RealnameController],
  providers: [
    RealnameService,
    {
      provide: REALNAME_PROVIDER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): RealnameProvider =>
        config.realname.provider === 'tencent' ? new TencentRealnameProvider(config.realname) : new LocalRealnameProvider(),
    },
  ],
})
export class RealnameModule {}
