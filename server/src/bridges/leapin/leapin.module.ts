import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../../applications/applications.module';
import { EmployeeModule } from '../../employee/employee.module';
import { MokaModule } from '../moka/moka.module';
import { LeapinInviteRepository } from './leapin-invite.repository';
import { LeapinController } from './leapin.controller';
import { LeapinService } from './leapin.service';

/** LeapIn AI interviews: invitations through the bridge queue, interview outcomes pulled back. The applications and employee modules: who is invited, in the admin's scope; MokaModule: the e-mail a candidate came with. */
@Module({
  imports: [ApplicationsModule, EmployeeModule, MokaModule],
  controllers: [LeapinController],
  providers: [LeapinService, LeapinInviteRepository],
  exports: [LeapinService],
})
export class LeapinModule {}
