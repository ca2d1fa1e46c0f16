import { Module } from '@nestjs/common';
import { LeapinController } from './leapin.controller';
import { LeapinService } from './leapin.service';

/** LeapIn AI interviews: invitations through the bridge queue, interview outcomes pulled back. */
@Module({
  controllers: [LeapinController],
  providers: [LeapinService],
  exports: [LeapinService],
})
export class LeapinModule {}
