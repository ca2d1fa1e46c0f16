import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { AuthModule } from '../auth/auth.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { EmployeeModule } from '../employee/employee.module';
import { RealnameModule } from '../realname/realname.module';
import { SealsModule } from '../seals/seals.module';
import { UploadModule } from '../upload/upload.module';
import { VerificationModule } from '../verification/verification.module';
import { ContractDocumentRepository } from './contract-document.repository';
import { EvidenceService } from './evidence/evidence.service';
import { SigningController } from './signing.controller';
import { SigningService } from './signing.service';

/** The worker signs the approved contract (GET /sign/contract, POST /sign, GET /sign/document) and anyone checks a signed file (/verify/document). */
@Module({
  imports: [ApplicationsModule, AuthModule, CertificatesModule, EmployeeModule, RealnameModule, SealsModule, UploadModule, VerificationModule],
  controllers: [SigningController],
  providers: [ContractDocumentRepository, EvidenceService, SigningService],
  exports: [EvidenceService, SigningService],
})
export class SignModule {}
