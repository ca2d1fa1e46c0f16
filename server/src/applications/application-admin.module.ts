import { Module } from '@nestjs/common';
import { ContractAdminModule } from '../admin/contracts/contract-admin.module';
import { LeapinModule } from '../bridges/leapin/leapin.module';
import { MokaModule } from '../bridges/moka/moka.module';
import { EmployeeModule } from '../employee/employee.module';
import { RealnameModule } from '../realname/realname.module';
import { SealsModule } from '../seals/seals.module';
import { SignModule } from '../sign/sign.module';
import { ApplicationAdminController } from './application-admin.controller';
import { ApplicationAdminService } from './application-admin.service';
import { ApplicationStatsController } from './application-stats.controller';
import { ApplicationsModule } from './applications.module';
import { ApprovalSettingsController } from './approval-settings.controller';
import { EmployeeAdminController } from './employee-admin.controller';

/**
 * HR's screens over applications (/admin/applications, /admin/employees). Apart from
 * ApplicationsModule because the file of an application gathers what the modules built on it
 * hold: the resume, real-name checks, the signed document, LeapIn interviews, the Moka offer.
 */
@Module({
  imports: [ApplicationsModule, ContractAdminModule, EmployeeModule, LeapinModule, MokaModule, RealnameModule, SealsModule, SignModule],
  controllers: [ApplicationStatsController, ApplicationAdminController, ApprovalSettingsController, EmployeeAdminController],
  providers: [ApplicationAdminService],
})
export class ApplicationAdminModule {}
