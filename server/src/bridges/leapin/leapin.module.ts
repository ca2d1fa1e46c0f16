import { Module } from '@nestjs/common';
import { MokaModule } from '../moka/moka.module';
import { LeapinInviteRepository } from './leapin-invite.repository';
import { LeapinController } from './leapin.controller';
import { LeapinService } from './leapin.service';

/** LeapIn AI interviews: invitations through the bridge queue, interview outcomes pulled back. MokaModule: the e-mail a candidate came with. */
@Module({
  imports: [MokaModule],
  controllers: [LeapinController],
  providers: [LeapinService, LeapinInviteRepository],
  exports: [LeapinService],
})
export class LeapinModule {}
