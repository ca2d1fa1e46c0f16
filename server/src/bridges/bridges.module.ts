import { Module } from '@nestjs/common';
import { BridgesCommonModule } from './common/bridges-common.module';
import { FeishuModule } from './feishu/feishu.module';
import { LeapinModule } from './leapin/leapin.module';
import { MokaModule } from './moka/moka.module';

/** The partner bridges (docs/bridges.md): each is off until its credentials are configured. */
@Module({ imports: [BridgesCommonModule, LeapinModule, MokaModule, FeishuModule] })
export class BridgesModule {}
