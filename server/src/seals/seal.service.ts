import { Inject, Injectable } from '@nestjs/common';
import { type CompanySealRow, ErrorCode } from '@shanqian/shared';
import { AdminAuthService } from '../admin/admin-auth.service';
import { AdminPrincipal } from '../admin/admin-route.decorator';
import { AdminUserRepository } from '../admin/admin-user.repository';
import { AuditLogService } from '../admin/audit-log.service';
import { CatalogRepository } from '../catalog/catalog.repository';
import { Company } from '../catalog/company.entity';
import { AppException } from '../common/app.exception';
import { Clock, CLOCK } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { UploadService } from '../upload/upload.service';
import { CompanySeal } from './company-seal.entity';
import { CompanySealRepository, SealChanges } from './company-seal.repository';
import { renderSealPdf, renderSealPng, SealArtwork } from './seal-artwork';
import { assertSealPng } from './seal-png';

export type SealPreview = { bytes: Buffer; type: 'image/png' | 'application/pdf' };

/**
 * Each company's seal (the generated round seal, or an uploaded PNG) and the super admin's
 * authorization to seal contracts with it automatically, without which HR may not approve an
 * application for that company: every signed contract then carries the employer's seal too.
 */
@Injectable()
export class SealService {
  constructor(
    private readonly seals: CompanySealRepository,
    private readonly catalog: CatalogRepository,
    private readonly uploads: UploadService,
    private readonly adminAuth: AdminAuthService,
    private readonly adminUsers: AdminUserRepository,
    private readonly audit: AuditLogService,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async describe(companyId: number): Promise<CompanySealRow> {
    const company = await this.company(companyId);
    const seal = await this.seals.find(companyId);
    const by = seal?.authorizedBy ? await this.adminUsers.findById(seal.authorizedBy) : null;
    const preview = `/admin/companies/${companyId}/seal/preview?format=`;
    return {
      company_id: company.id,
      company_name: company.companyName,
      kind: seal?.kind ?? 'generated',
      bottom_text: seal?.bottomText ?? null,
      authorized: seal?.authorized ?? false,
      authorized_by: seal?.authorizedBy ?? null,
      authorized_by_name: by ? (by.name ?? by.username) : null,
      authorized_at: seal?.authorizedAt?.toISOString() ?? null,
      authorized_ip: seal?.authorizedIp ?? null,
      preview_png_url: `${preview}png`,
      preview_pdf_url: `${preview}pdf`,
    };
  }

  async preview(companyId: number, format: 'png' | 'pdf'): Promise<SealPreview> {
    const artwork = await this.artworkFor(companyId);
    return format === 'pdf' ? { bytes: await renderSealPdf(artwork), type: 'application/pdf' } : { bytes: await renderSealPng(artwork), type: 'image/png' };
  }

  /** The uploaded PNG becomes the company's seal; the bytes are checked before anything is stored. */
  async useUploaded(companyId: number, file: Express.Multer.File, admin: AdminPrincipal, ip: string): Promise<CompanySealRow> {
    await this.company(companyId);
    const png = await assertSealPng(file.buffer);
    await this.uploads.storeThen([{ bytes: png, mime: 'image/png', ownerUserId: null }], ([stored]) =>
      this.write(companyId, { kind: 'uploaded', pngStorageKey: stored.storageKey }, admin, ip, { action: 'company_seal.upload', detail: { sha256: stored.sha256 } }),
    );
    return this.describe(companyId);
  }

  async useGenerated(companyId: number, bottomText: string | null, admin: AdminPrincipal, ip: string): Promise<CompanySealRow> {
    await this.company(companyId);
    await this.write(companyId, { kind: 'generated', bottomText }, admin, ip, { action: 'company_seal.generate', detail: { bottom_text: bottomText } });
    return this.describe(companyId);
  }

  /** Grants or revokes automatic sealing, once the acting super admin has typed their password again. */
  async setAuthorization(companyId: number, enabled: boolean, password: string, admin: AdminPrincipal, ip: string): Promise<CompanySealRow> {
    await this.company(companyId);
    await this.adminAuth.confirmPassword(admin, password);
    const at = new Date(this.clock.now());
    await this.write(companyId, { authorized: enabled, authorizedBy: admin.adminId, authorizedAt: at, authorizedIp: ip }, admin, ip, {
      action: enabled ? 'company_seal.authorize' : 'company_seal.revoke',
      detail: { enabled },
    });
    return this.describe(companyId);
  }

  async isAuthorized(companyId: number): Promise<boolean> {
    return (await this.seals.find(companyId))?.authorized === true;
  }

  /** 409 SealNotAuthorized naming the company, unless a super admin has authorized it to seal. */
  async assertAuthorized(companyId: number): Promise<void> {
    if (await this.isAuthorized(companyId)) return;
    throw notAuthorized((await this.catalog.company(companyId))?.companyName ?? String(companyId));
  }

  /** What the company seals with now, for the previews. */
  async artworkFor(companyId: number): Promise<SealArtwork> {
    const company = await this.company(companyId);
    return this.artworkOf(company.companyName, await this.seals.find(companyId));
  }

  /** What seals one contract: the company's artwork, refused like an approval (409) unless it is authorized; one read of its seal. */
  async artworkToSeal(company: { id: number; companyName: string }): Promise<SealArtwork> {
    const seal = await this.seals.find(company.id);
    if (seal?.authorized !== true) throw notAuthorized(company.companyName);
    return this.artworkOf(company.companyName, seal);
  }

  private async artworkOf(companyName: string, seal: CompanySeal | null): Promise<SealArtwork> {
    if (seal?.kind === 'uploaded' && seal.pngStorageKey) return { kind: 'uploaded', png: await this.uploads.read(seal.pngStorageKey) };
    return { kind: 'generated', companyName, bottomText: seal?.bottomText ?? null };
  }

  /** The seal's change and its audit entry, both or neither. */
  private write(companyId: number, changes: SealChanges, admin: AdminPrincipal, ip: string, entry: { action: string; detail: Record<string, unknown> }): Promise<void> {
    return this.transactions.run(async (manager) => {
      await this.seals.save(companyId, changes, manager);
      await this.audit.record(admin, ip, { ...entry, targetType: 'company', targetId: companyId }, manager);
    });
  }

  private async company(id: number): Promise<Company> {
    const company = await this.catalog.company(id);
    if (!company) throw new AppException(ErrorCode.RecordNotFound, `用人单位 ${id} 不存在`);
    return company;
  }
}

const notAuthorized = (companyName: string): AppException =>
  new AppException(ErrorCode.SealNotAuthorized, `用人单位「${companyName}」尚未授权自动盖章，请超级管理员先完成盖章授权`);
