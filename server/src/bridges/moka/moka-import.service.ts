import { Injectable, Logger } from '@nestjs/common';
import { DictItem, MokaImportRequest, MokaImportResponse } from '@shanqian/shared';
import { AdminPrincipal } from '../../admin/admin-route.decorator';
import { AuditLogService } from '../../admin/audit-log.service';
import { CatalogService } from '../../catalog/catalog.service';
import { SecretsService } from '../../common/crypto/secrets.service';
import { isUniqueViolation } from '../../database/query-errors';
import { BridgeStatusService } from '../common/bridge-status.service';
import { CandidateDictionaries, CandidateFields, mapMokaApplication } from './moka-candidate.mapper';
import { MokaCandidate } from './moka-candidate.entity';
import { MokaCandidateRepository } from './moka-candidate.repository';
import { MokaClient } from './moka.client';
import type { MokaApplication, MokaOfferCustomFields } from './moka.types';

/** The columns an import writes, compared to tell an update from an unchanged record. */
type CandidateColumns = Pick<MokaCandidate, 'phone' | 'name' | 'email' | 'gender' | 'birthDate' | 'nation' | 'position' | 'entryDate' | 'salary' | 'education' | 'experience' | 'rawStage'>;

/**
 * Moka's offers as pre-filled records (table moka_candidate), one per Moka application: what the
 * worker who logs in with that phone finds already filled in. Reading Moka changes nothing there,
 * so the import runs in the admin's request rather than through the queue.
 */
@Injectable()
export class MokaImportService {
  private readonly logger = new Logger('MokaImport');

  constructor(
    private readonly candidates: MokaCandidateRepository,
    private readonly client: MokaClient,
    private readonly catalog: CatalogService,
    private readonly secrets: SecretsService,
    private readonly status: BridgeStatusService,
    private readonly audit: AuditLogService,
  ) {}

  async offerFields(): Promise<MokaOfferCustomFields> {
    this.status.assertConfigured('moka');
    return this.recorded('offers.custom_fields', () => this.client.getOfferCustomFields());
  }

  async import(request: MokaImportRequest, admin: AdminPrincipal, ip: string): Promise<MokaImportResponse> {
    this.status.assertConfigured('moka');
    const applications = await this.recorded('applications.list', () =>
      this.client.listEhrApplications({ stage: request.stage, movedFrom: request.moved_from, movedTo: request.moved_to }),
    );
    const dicts = await this.dictionaries();
    const result: MokaImportResponse = { imported: 0, updated: 0, skipped: 0, failed: [] };
    const seen = new Set<string>();
    for (const application of applications) {
      const applicationId = String(application.applicationId ?? '');
      if (seen.has(applicationId)) continue;
      seen.add(applicationId);
      const outcome = await this.importOne(applicationId, application, dicts);
      if (typeof outcome === 'string') result[outcome]++;
      else result.failed.push({ applicationId, reason: outcome.reason });
    }
    await this.linkEmployees();
    await this.audit.record(admin, ip, {
      action: 'moka.import',
      detail: { stage: request.stage, moved_from: request.moved_from ?? null, moved_to: request.moved_to ?? null, ...result, failed: result.failed.length },
    });
    return result;
  }

  /**
   * Sets employee_id on the records whose phone a resume now uses. Runs after each import and
   * from the prefill; the resume itself is never changed from here.
   */
  linkEmployees(phone?: string): Promise<void> {
    return this.candidates.linkEmployees(phone);
  }

  private async importOne(applicationId: string, application: MokaApplication, dicts: CandidateDictionaries): Promise<'imported' | 'updated' | 'skipped' | { reason: string }> {
    if (!/^\d{1,32}$/.test(applicationId)) return { reason: '缺少有效的 applicationId' };
    const mapped = mapMokaApplication(application, dicts);
    if ('reason' in mapped) return mapped;
    try {
      return await this.save(applicationId, mapped.fields);
    } catch (error) {
      // A concurrent import created it first: this one is then an update of that record.
      if (isUniqueViolation(error)) return this.save(applicationId, mapped.fields);
      this.logger.error(`saving Moka application ${applicationId} failed: ${(error as Error).message}`);
      return { reason: '保存失败' };
    }
  }

  /** Creates or updates the record of one application (idempotent on Moka's applicationId). */
  private async save(applicationId: string, fields: CandidateFields): Promise<'imported' | 'updated' | 'skipped'> {
    const columns: CandidateColumns = {
      phone: fields.phone,
      name: fields.name,
      email: fields.email,
      gender: fields.gender,
      birthDate: fields.birthDate,
      nation: fields.nation,
      position: fields.position,
      entryDate: fields.entryDate,
      salary: fields.salary,
      education: JSON.stringify(fields.education),
      experience: JSON.stringify(fields.experience),
      rawStage: fields.stage,
    };
    const existing = await this.candidates.findByMokaApplicationId(applicationId);
    const sealedId = () => (fields.idNumber ? this.secrets.encrypt(fields.idNumber) : null);
    if (!existing) {
      await this.candidates.insert({ mokaApplicationId: applicationId, ...columns, idNumberEnc: sealedId(), employeeId: null });
      return 'imported';
    }
    // Each encryption is different (random IV): compare the numbers, not the ciphertexts.
    const sameId = (existing.idNumberEnc ? this.secrets.decrypt(existing.idNumberEnc) : null) === fields.idNumber;
    const changed = (Object.keys(columns) as (keyof CandidateColumns)[]).filter((key) => existing[key] !== columns[key]);
    if (!changed.length && sameId) return 'skipped';
    await this.candidates.update(existing.id, {
      ...columns,
      ...(sameId ? {} : { idNumberEnc: sealedId() }),
      // Another phone is another person's login: the link is found again for the new phone.
      ...(existing.phone === fields.phone ? {} : { employeeId: null }),
    });
    return 'updated';
  }

  private async dictionaries(): Promise<CandidateDictionaries> {
    const [eduTypes, nations] = await Promise.all([this.catalog.dict(DictItem.EduType), this.catalog.dict(DictItem.Nation)]);
    return { eduTypes: new Map(eduTypes.map((entry) => [entry.dict_value, entry.dict_key])), nations: new Set(nations.map((entry) => entry.dict_value)) };
  }

  /** Runs a call made for an admin, and records its outcome for the status page. */
  private async recorded<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      const value = await call();
      await this.status.recordSuccess('moka', operation);
      return value;
    } catch (error) {
      await this.status.recordError('moka', operation, error);
      throw error;
    }
  }
}
