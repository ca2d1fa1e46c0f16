import { Injectable } from '@nestjs/common';
import { DictItem, EmployeeResponse, ErrorCode, SignApplicationStatus, VerifyStatus } from '@shanqian/shared';
import { EntityManager } from 'typeorm';
import { ApplicationActor, ApplicationsService } from '../applications/applications.service';
import { assertTransition } from '../applications/application-status';
import { SignApplication } from '../applications/sign-application.entity';
import { WechatUserRepository } from '../auth/wechat-user.repository';
import { CatalogService, companyRef, handlerRef } from '../catalog/catalog.service';
import { AppException } from '../common/app.exception';
import { SecretsService } from '../common/crypto/secrets.service';
import { maskIdNumber } from '../common/mask';
import { origin, RequestContext } from '../common/request-context';
import { isUniqueViolation } from '../database/query-errors';
import { Upload } from '../upload/upload.entity';
import { UploadService } from '../upload/upload.service';
import { SmsCodeService } from '../verification/sms-code.service';
import { EmployeeDto } from './dto/employee.dto';
import { Employee } from './employee.entity';
import { educationOut, educationRows, entityToResume, resumeToEntity, workOut, workRows } from './employee.mapper';
import { EmployeeRepository } from './employee.repository';
import { ageOn, parseResidentId } from './id-number';

/** A resume that passed every check, with what the checks found. */
interface CheckedResume {
  idNumber: string;
  idNumberHash: string;
  front: Upload;
  back: Upload;
}

/** Statuses from which a PUT resubmits the application; from the others it edits the resume under review, or is refused. */
const CLOSED = new Set([SignApplicationStatus.Rejected, SignApplicationStatus.Cancelled]);

@Injectable()
export class EmployeeService {
  constructor(
    private readonly employees: EmployeeRepository,
    private readonly applications: ApplicationsService,
    private readonly users: WechatUserRepository,
    private readonly catalog: CatalogService,
    private readonly uploads: UploadService,
    private readonly smsCodes: SmsCodeService,
    private readonly secrets: SecretsService,
  ) {}

  /**
   * POST /employee: the resume, its rows and the application (status 1), in one transaction. The
   * SMS code is taken last, inside it: of racing submissions the database decides (409), and a
   * failed one leaves the code usable.
   */
  async create(userId: number, dto: EmployeeDto, context: RequestContext): Promise<void> {
    if (await this.employees.existsForUser(userId)) throw new AppException(ErrorCode.EmployeeExists);
    const checked = await this.check(userId, dto);
    await this.assertNoClash(userId, dto.phone, checked.idNumberHash);
    const actor: ApplicationActor = { type: 'employee', userId, context };
    await this.smsCodes.spendLast(userId, dto.phone, dto.verify_code, (takeCode) =>
      this.writeUnique(userId, dto.phone, checked, ErrorCode.EmployeeExists, () =>
        this.applications.apply(actor, { ...this.applicationFields(dto, context), reason: null, applyTime: new Date() }, async (manager) => {
          const employee = await this.employees.insert(manager, this.employeeFields(userId, dto, checked), educationRows(dto.employee_edu), workRows(dto.work_exp));
          await takeCode();
          return employee.id;
        }),
      ),
    );
  }

  /** PUT /employee: refused while the application waits for a signature or is signed; after a rejection or a cancellation it resubmits. */
  async update(userId: number, dto: EmployeeDto, context: RequestContext): Promise<void> {
    const employee = await this.employees.findByUser(userId);
    if (!employee) throw new AppException(ErrorCode.EmployeeNotFound);
    const application = await this.applicationOf(employee);
    const action = CLOSED.has(application.status) ? 'resubmit' : 'edit';
    assertTransition(action, application.status);
    const checked = await this.check(userId, dto);
    await this.assertNoClash(userId, dto.phone, checked.idNumberHash);

    const actor: ApplicationActor = { type: 'employee', userId, context };
    const write = (takeCode: () => Promise<void>) =>
      this.writeUnique(userId, dto.phone, checked, ErrorCode.ApplicationChanged, () =>
        this.applications.transition(application, action, actor, {
          // The apply time only changes when the worker reapplies, so an edit under review keeps its place in HR's queue.
          changes: { ...this.applicationFields(dto, context), ...(action === 'resubmit' ? { reason: null, applyTime: new Date() } : {}) },
          within: async (manager) => {
            await this.employees.replace(manager, employee.id, this.employeeFields(userId, dto, checked), educationRows(dto.employee_edu), workRows(dto.work_exp));
            await this.resetVerificationIfIdentityChanged(manager, employee, dto, checked);
            await takeCode();
          },
        }),
      );
    // A new phone is proven by a code; the same phone needs none.
    if (dto.phone !== employee.phone) await this.smsCodes.spendLast(userId, dto.phone, dto.verify_code, write);
    else await write(async () => undefined);
  }

  /** GET /employee */
  async get(userId: number, baseUrl: string): Promise<EmployeeResponse> {
    const employee = await this.employees.findWhole({ userId });
    if (!employee) throw new AppException(ErrorCode.EmployeeNotFound);
    const application = await this.applications.findByEmployeeWithTerms(employee.id);
    if (!application) throw new AppException(ErrorCode.EmployeeNotFound);
    return {
      id: employee.id,
      ...entityToResume(employee),
      id_number: this.secrets.decrypt(employee.idNumberEnc),
      ...this.photosAndRows(employee, baseUrl),
      company_id: application.companyId,
      work_pos: application.workPos,
      ad_user_id: application.handlerId,
      company: companyRef(application.company!),
      handler: handlerRef(application.handler!),
      status: application.status,
      reason: application.reason ?? '',
    };
  }

  /** The whole resume as HR's detail shows it: the ID number masked (its reveal is audited elsewhere), photo links, rows, real-name status. */
  async resumeForReview(employeeId: number, baseUrl: string) {
    const employee = await this.employees.findWhole({ id: employeeId });
    if (!employee) throw new AppException(ErrorCode.EmployeeNotFound);
    return {
      resume: {
        ...entityToResume(employee),
        id_number_masked: maskIdNumber(this.secrets.decrypt(employee.idNumberEnc)),
        ...this.photosAndRows(employee, baseUrl),
      },
      verify_status: employee.user!.verifyStatus,
      verify_reason: employee.user!.verifyReason ?? '',
    };
  }

  /** The worker's resume, as the signing and real-name screens need it. */
  findByUser(userId: number): Promise<Employee | null> {
    return this.employees.findByUser(userId);
  }

  findById(id: number): Promise<Employee | null> {
    return this.employees.findById(id);
  }

  /** The decrypted ID number, for the screens that show or check it in full. */
  idNumberOf(employee: Employee): string {
    return this.secrets.decrypt(employee.idNumberEnc);
  }

  private photosAndRows(employee: Employee, baseUrl: string) {
    return {
      id_card_front: this.uploads.signedUrl(employee.idCardFront!.storageKey, baseUrl),
      id_card_back: this.uploads.signedUrl(employee.idCardBack!.storageKey, baseUrl),
      employee_edu: employee.education!.map(educationOut),
      work_exp: employee.workExperience!.map(workOut),
    };
  }

  private async applicationOf(employee: Employee): Promise<SignApplication> {
    const application = await this.applications.findByEmployee(employee.id);
    if (!application) throw new AppException(ErrorCode.EmployeeNotFound);
    return application;
  }

  /** A real-name check vouches for one name and ID number: another pair must be checked anew. */
  private async resetVerificationIfIdentityChanged(manager: EntityManager, employee: Employee, dto: EmployeeDto, checked: CheckedResume): Promise<void> {
    if (employee.realName !== dto.real_name || employee.idNumberHash !== checked.idNumberHash) {
      await this.users.setVerification(employee.userId, VerifyStatus.Pending, null, manager);
    }
  }

  /** Everything about the body that needs the database or the rules of the ID number; the first problem is a 400 naming its field. */
  private async check(userId: number, dto: EmployeeDto): Promise<CheckedResume> {
    const facts = parseResidentId(dto.id_number);
    if (typeof facts === 'string') throw AppException.invalid('id_number', facts);
    if (dto.gender !== facts.gender) throw AppException.invalid('gender', '与身份证号码中的性别不一致');
    if (dto.age !== ageOn(facts.birthDate)) throw AppException.invalid('age', `与身份证号码中的出生日期不一致（应为 ${ageOn(facts.birthDate)}）`);
    if (!(await this.catalog.dictValues(DictItem.Nation)).has(dto.nation)) throw AppException.invalid('nation', '应为字典 Nation 中的民族名称');

    const eduTypes = await this.catalog.dictKeys(DictItem.EduType);
    dto.employee_edu.forEach((row, i) => {
      if (!eduTypes.has(row.edu_type)) throw AppException.invalid(`employee_edu[${i}].edu_type`, '应为字典 Edu_Type 中的 dict_key');
      if (row.end_date < row.start_date) throw AppException.invalid(`employee_edu[${i}].end_date`, '不能早于开始年月');
    });
    dto.work_exp.forEach((row, i) => {
      if (row.end_date < row.start_date) throw AppException.invalid(`work_exp[${i}].end_date`, '不能早于开始年月');
    });

    if (!(await this.catalog.enabledCompany(dto.company_id))) throw AppException.invalid('company_id', '用人单位不存在或已停用');
    if (!(await this.catalog.enabledHandler(dto.ad_user_id))) throw AppException.invalid('ad_user_id', '处理人不存在或已停用');
    if (!(await this.catalog.isEnabledWorkPosition(dto.work_pos))) throw AppException.invalid('work_pos', '岗位不存在或已停用');

    const front = await this.uploads.resolveOwned(dto.id_card_front, userId, 'id_card_front');
    const back = await this.uploads.resolveOwned(dto.id_card_back, userId, 'id_card_back');
    if (front.id === back.id) throw AppException.invalid('id_card_back', '正反面不能是同一张照片');

    const idNumber = dto.id_number.trim().toUpperCase();
    return { idNumber, idNumberHash: this.secrets.mac('id-number-lookup', idNumber), front, back };
  }

  private async assertNoClash(userId: number, phone: string, idNumberHash: string): Promise<void> {
    const clash = await this.employees.clash(userId, phone, idNumberHash);
    if (clash === 'phone') throw new AppException(ErrorCode.PhoneTaken);
    if (clash === 'id_number') throw new AppException(ErrorCode.IdNumberTaken);
  }

  /**
   * Runs the writes. When a unique index refuses them, a concurrent request won the race: the phone
   * or ID number went to another resume, or else `raced` says what happened.
   */
  private async writeUnique<T>(userId: number, phone: string, checked: CheckedResume, raced: ErrorCode, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await this.assertNoClash(userId, phone, checked.idNumberHash);
      throw new AppException(raced);
    }
  }

  private employeeFields(userId: number, dto: EmployeeDto, checked: CheckedResume): Partial<Employee> {
    return {
      ...resumeToEntity(dto),
      userId,
      idNumberEnc: this.secrets.encrypt(checked.idNumber),
      idNumberHash: checked.idNumberHash,
      idCardFrontId: checked.front.id,
      idCardBackId: checked.back.id,
    };
  }

  /** What every submission sets: where to, through whom, and where the worker applied from. */
  private applicationFields(dto: EmployeeDto, context: RequestContext): Partial<SignApplication> {
    const { ip, city, lng, lat } = origin(context);
    return { companyId: dto.company_id, workPos: dto.work_pos, handlerId: dto.ad_user_id, applyIp: ip, applyCity: city, applyLng: lng, applyLat: lat };
  }
}
