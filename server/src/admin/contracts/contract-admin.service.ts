import { Injectable } from '@nestjs/common';
import { type ContractFileLink, type ContractRow, EnabledFlag, type Page } from '@shanqian/shared';
import { CatalogService } from '../../catalog/catalog.service';
import { AppException } from '../../common/app.exception';
import { Contract } from './contract.entity';
import { Upload } from '../../upload/upload.entity';
import { FILE_LINK_TTL_SECONDS, UploadService } from '../../upload/upload.service';
import { AdminPrincipal } from '../admin-route.decorator';
import { AdminRecordsService, RecordKind } from '../records/admin-records.service';
import { ContractRepository, LoadedContract } from './contract.repository';
import { ContractDto, ContractListQueryDto } from './contract.dto';
import { contractTemplatePdf } from './pdf-template';

const CONTRACTS: RecordKind<Contract> = {
  entity: Contract,
  type: 'contract',
  label: '合同',
  // The storage key opens nothing without a signature, but it says nothing useful either: the hash is recorded instead.
  secret: { fileUrl: 'file' },
};

const toRow = (row: LoadedContract): ContractRow => ({
  id: row.id,
  contract_name: row.contractName,
  contract_body: row.contractBody,
  company_id: row.companyId,
  company_name: row.company?.companyName ?? '',
  sign_year: row.signYear,
  status: row.status,
  file_sha256: row.template?.sha256 ?? null,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

/** Contract templates (seed §2.2.3): a PDF per company that approvals fill in for each worker. */
@Injectable()
export class ContractAdminService {
  constructor(
    private readonly records: AdminRecordsService,
    private readonly contracts: ContractRepository,
    private readonly catalog: CatalogService,
    private readonly uploads: UploadService,
  ) {}

  list(query: ContractListQueryDto): Promise<Page<ContractRow>> {
    return this.contracts.page(query, toRow);
  }

  /**
   * Every check runs before the file is stored (fields, company, PDF), so a refused request leaves
   * neither a row nor a file behind.
   */
  async create(body: ContractDto, file: Express.Multer.File | undefined, admin: AdminPrincipal, ip: string): Promise<ContractRow> {
    await this.assertEnabledCompany(body.company_id);
    const pdf = await contractTemplatePdf(file);
    const created = await this.uploads.storeThen([{ bytes: pdf, mime: 'application/pdf', ownerUserId: null }], ([template]) =>
      this.records.create(CONTRACTS, { ...this.fields(body), fileUrl: template.storageKey, status: EnabledFlag.Enabled }, admin, ip, {
        detail: { file_sha256: template.sha256 },
      }),
    );
    return this.row(created.id);
  }

  /**
   * A new file replaces the template for approvals from now on; applications approved before keep
   * the document filled in from the old one. Moving the contract to another company needs that
   * company enabled; a contract of a company disabled since may still be edited.
   */
  async update(id: number, body: ContractDto, file: Express.Multer.File | undefined, admin: AdminPrincipal, ip: string): Promise<ContractRow> {
    const current = await this.records.get(CONTRACTS, id);
    if (body.company_id !== current.companyId) await this.assertEnabledCompany(body.company_id);
    const files = file ? [{ bytes: await contractTemplatePdf(file), mime: 'application/pdf', ownerUserId: null }] : [];
    await this.uploads.storeThen(files, ([template]: (Upload | undefined)[]) =>
      this.records.update(CONTRACTS, id, { ...this.fields(body), fileUrl: template?.storageKey }, admin, ip, {
        detail: template ? { file_sha256: template.sha256 } : {},
      }),
    );
    return this.row(id);
  }

  async setEnabled(id: number, enabled: boolean, admin: AdminPrincipal, ip: string): Promise<ContractRow> {
    await this.records.setEnabled(CONTRACTS, id, enabled, admin, ip);
    return this.row(id);
  }

  /** A link to the template PDF that works without headers (a browser tab, a PDF viewer) and soon expires. */
  async fileLink(id: number, baseUrl: string): Promise<ContractFileLink> {
    const contract = await this.records.get(CONTRACTS, id);
    return { url: this.uploads.signedUrl(contract.fileUrl, baseUrl, FILE_LINK_TTL_SECONDS), expires_in: FILE_LINK_TTL_SECONDS };
  }

  private async row(id: number): Promise<ContractRow> {
    const row = await this.contracts.findLoaded(id);
    return toRow(row!);
  }

  private fields(body: ContractDto): Partial<Contract> {
    return { contractName: body.contract_name, contractBody: body.contract_body, companyId: body.company_id, signYear: body.sign_year };
  }

  private async assertEnabledCompany(companyId: number): Promise<void> {
    if (!(await this.catalog.enabledCompany(companyId))) throw AppException.invalid('company_id', '用人单位不存在或已停用');
  }
}
