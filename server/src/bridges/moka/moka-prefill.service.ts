import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@shanqian/shared';
import type { EmployeeEducation, EmployeeWorkExperience } from '@shanqian/shared';
import { CatalogService } from '../../catalog/catalog.service';
import { AppException } from '../../common/app.exception';
import { SecretsService } from '../../common/crypto/secrets.service';
import { ageOn } from '../../employee/id-number';
import { SmsCodeService } from '../../verification/sms-code.service';
import type { EmployeePrefillRequest, EmployeePrefillResponse } from '@shanqian/shared';
import { MokaCandidateRepository } from './moka-candidate.repository';
import { MokaImportService } from './moka-import.service';

/**
 * The worker's side of the Moka import: whoever proves the phone with an SMS code gets the resume
 * fields Moka had for it, to review, complete and submit with POST /employee (without another code
 * within PHONE_PROOF_TTL_MS).
 */
@Injectable()
export class MokaPrefillService {
  constructor(
    private readonly candidates: MokaCandidateRepository,
    private readonly smsCodes: SmsCodeService,
    private readonly secrets: SecretsService,
    private readonly catalog: CatalogService,
    private readonly imports: MokaImportService,
  ) {}

  async prefill(userId: number, request: EmployeePrefillRequest): Promise<EmployeePrefillResponse> {
    // The code first: only someone who holds the phone learns whether Moka knows it. The proof is
    // kept a while, so the resume that follows needs no second code.
    await this.smsCodes.consumeAndRemember(userId, request.phone, request.verify_code);
    const candidate = await this.candidates.latestForPhone(request.phone);
    if (!candidate) throw new AppException(ErrorCode.PrefillNotFound);
    await this.imports.linkEmployees(request.phone);
    const position = candidate.position && (await this.catalog.isEnabledWorkPosition(candidate.position)) ? candidate.position : null;
    return {
      real_name: candidate.name,
      phone: candidate.phone,
      id_number: candidate.idNumberEnc ? this.secrets.decrypt(candidate.idNumberEnc) : null,
      age: candidate.birthDate ? ageOn(candidate.birthDate) : null,
      gender: candidate.gender,
      nation: candidate.nation,
      work_pos: position,
      employee_edu: JSON.parse(candidate.education) as EmployeeEducation[],
      work_exp: JSON.parse(candidate.experience) as EmployeeWorkExperience[],
      offer: { position: candidate.position, entry_date: candidate.entryDate, salary: candidate.salary },
    };
  }
}
