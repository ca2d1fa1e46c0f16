import { Module } from '@nestjs/common';
import { CatalogModule } from '../../catalog/catalog.module';
import { VerificationModule } from '../../verification/verification.module';
import { MokaAdminController } from './moka-admin.controller';
import { MokaCandidateRepository } from './moka-candidate.repository';
import { MokaClient } from './moka.client';
import { MokaImportService } from './moka-import.service';
import { MokaPrefillController } from './moka-prefill.controller';
import { MokaPrefillService } from './moka-prefill.service';
import { MokaRuns } from './moka-runs';
import { MokaSyncService } from './moka-sync.service';

/**
 * Moka (ATS, docs/bridges-moka.md): offers in as pre-filled resumes, HR staff and companies out.
 * The prefill keeps working without Moka configured, on what was imported before.
 */
@Module({
  imports: [CatalogModule, VerificationModule],
  controllers: [MokaAdminController, MokaPrefillController],
  providers: [MokaClient, MokaImportService, MokaPrefillService, MokaSyncService, MokaRuns, MokaCandidateRepository],
  exports: [MokaCandidateRepository],
})
export class MokaModule {}
