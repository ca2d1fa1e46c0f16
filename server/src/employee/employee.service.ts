import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DictItem, EmployeeResponse, ErrorCode, SignApplicationStatus, VerifyStatus } from '@shanqian/shared';
import { DataSource, EntityManager, Not } from 'typeorm';
import { WechatUser } from '../auth/wechat-user.entity';
import { CatalogService, companyRef, handlerRef } from '../catalog/catalog.service';
import { AppException } from '../common/app.exception';
import { SecretsService } from '../common/crypto/secrets.service';
import { origin, RequestContext } from '../common/request-context';
import { isUniqueViolation } from '../database/query-errors';
import { recordApplicationEvent } from '../applications/application-history';
import { SignApplication } from '../applications/sign-application.entity';
import { Upload } from '../upload/upload.entity';
import { UploadService } from '../upload/upload.service';
import { SmsCodeService } from '../verification/sms-code.service';
import { EmployeeDto } from './dto/employee.dto';
import { EmployeeEducation } from './employee-education.entity';
import { EmployeeWorkExperience } from './employee-work-experience.entity';
import { Employee } from './employee.entity';
import { educationOut, educationRows, entityToResume, resumeToEntity, workOut, workRows } from './employee.mapper';
import { ageOn, parseResidentId } from './id-number';

/** A resume that passed every check, with what the checks found. */
interface CheckedResume {
  idNumber: string;
  idNumberHash: string;
  front: Upload;
  back: Upload;
}

/** Statuses in which the worker may no longer change the resume (seed §3.2.2). */
const LOCKED = new Set([SignApplicationStatus.PendingSignature, SignApplicationStatus.Signed]);
/** Statuses from which a PUT resubmits the application. */
const CLOSED = new Set([SignApplicationStatus.Rejected, SignApplicationStatus.Cancelled]);

@Injectable()
export class EmployeeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: CatalogService,
    private readonly uploads: UploadService,
    private readonly smsCodes: SmsCodeService,
    private readonly secrets: SecretsService,
  ) {}

  /** POST /employee: the resume, its rows and an application with status 1, in one transaction. */
  async create(userId: number, dto: EmployeeDto, context: RequestContext): Promise<void> {
    if (await this.db.getRepository(Employee).existsBy({ userId })) throw new AppException(ErrorCode.EmployeeExists);
    const checked = await this.check(userId, dto);
    // The code first: only someone who holds the phone learns that another resume uses it.
    await this.smsCodes.consumeOrProven(userId, dto.phone, dto.verify_code);
    await this.assertNoClash(userId, dto.phone, checked.idNumberHash);
    await this.writeUnique(userId, dto.phone, checked, ErrorCode.EmployeeExists, async (manager) => {
      const employee = await manager.save(Employee, manager.create(Employee, this.employeeFields(userId, dto, checked)));
      await this.replaceRows(manager, employee.id, dto);
      const application = await manager.save(SignApplication, manager.create(SignApplication, {
        employeeId: employee.id,
        status: SignApplicationStatus.Applied,
        reason: null,
        applyTime: new Date(),
        ...this.applicationFields(dto, context),
      }));
      await recordApplicationEvent(manager, {
        applicationId: application.id, event: 'applied', fromStatus: null, toStatus: application.status, actor: { type: 'employee', id: userId }, context,
      });
    });
  }

  /** PUT /employee: refused while the application waits for a signature or is signed; after a rejection or a cancellation it resubmits. */
  async update(userId: number, dto: EmployeeDto, context: RequestContext): Promise<void> {
    const employee = await this.db.getRepository(Employee).findOneBy({ userId });
    if (!employee) throw new AppException(ErrorCode.EmployeeNotFound);
    const application = await this.db.getRepository(SignApplication).findOneByOrFail({ employeeId: employee.id });
    if (LOCKED.has(application.status)) throw new AppException(ErrorCode.ApplicationLocked);
    const checked = await this.check(userId, dto);
    if (dto.phone !== employee.phone) await this.smsCodes.consumeOrProven(userId, dto.phone, dto.verify_code);
    await this.assertNoClash(userId, dto.phone, checked.idNumberHash);

    const resubmit = CLOSED.has(application.status);
    await this.writeUnique(userId, dto.phone, checked, ErrorCode.ApplicationChanged, async (manager) => {
      // The version check makes a concurrent HR decision and this edit exclusive: one of them wins.
      const changed = await manager.update(
        SignApplication,
        { id: application.id, version: application.version },
        {
          ...this.applicationFields(dto, context),
          ...(resubmit ? { status: SignApplicationStatus.Applied, reason: null, applyTime: new Date() } : {}),
          version: application.version + 1,
        },
      );
      if (!changed.affected) throw new AppException(ErrorCode.ApplicationChanged);
      await manager.update(Employee, employee.id, this.employeeFields(userId, dto, checked));
      // A real-name check vouches for one name and ID number: another pair must be checked anew.
      if (employee.realName !== dto.real_name || employee.idNumberHash !== checked.idNumberHash) {
        await manager.update(WechatUser, userId, { verifyStatus: VerifyStatus.Pending, verifyReason: null });
      }
      await manager.delete(EmployeeEducation, { employeeId: employee.id });
      await manager.delete(EmployeeWorkExperience, { employeeId: employee.id });
      await this.replaceRows(manager, employee.id, dto);
      await recordApplicationEvent(manager, {
        applicationId: application.id,
        event: resubmit ? 'resubmitted' : 'updated',
        fromStatus: application.status,
        toStatus: resubmit ? SignApplicationStatus.Applied : application.status,
        actor: { type: 'employee', id: userId },
        context,
      });
    });
  }

  /** GET /employee */
  async get(userId: number, baseUrl: string): Promise<EmployeeResponse> {
    const employee = await this.db.getRepository(Employee).findOne({
      where: { userId },
      relations: { education: true, workExperience: true, idCardFront: true, idCardBack: true },
      order: { education: { sort: 'ASC' }, workExperience: { sort: 'ASC' } },
    });
    if (!employee) throw new AppException(ErrorCode.EmployeeNotFound);
    const application = await this.db.getRepository(SignApplication).findOneOrFail({
      where: { employeeId: employee.id },
      relations: { company: true, handler: true },
    });
    return {
      id: employee.id,
      ...entityToResume(employee),
      id_number: this.secrets.decrypt(employee.idNumberEnc),
      id_card_front: this.uploads.signedUrl(employee.idCardFront!.storageKey, baseUrl),
      id_card_back: this.uploads.signedUrl(employee.idCardBack!.storageKey, baseUrl),
      company_id: application.companyId,
      work_pos: application.workPos,
      ad_user_id: application.handlerId,
      company: companyRef(application.company!),
      handler: handlerRef(application.handler!),
      employee_edu: employee.education!.map(educationOut),
      work_exp: employee.workExperience!.map(workOut),
      status: application.status,
      reason: application.reason ?? '',
    };
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
    const others = this.db.getRepository(Employee);
    if (await others.existsBy({ phone, userId: Not(userId) })) throw new AppException(ErrorCode.PhoneTaken);
    if (await others.existsBy({ idNumberHash, userId: Not(userId) })) throw new AppException(ErrorCode.IdNumberTaken);
  }

  /**
   * Runs the writes in one transaction. When a unique index refuses them, a concurrent request won
   * the race: the phone or ID number went to another resume, or else `raced` says what happened.
   */
  private async writeUnique(userId: number, phone: string, checked: CheckedResume, raced: ErrorCode, write: (manager: EntityManager) => Promise<void>): Promise<void> {
    try {
      await this.db.transaction(write);
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

  /** What every submission sets; the apply time only changes when the worker (re)applies, so an edit under review keeps its place in HR's queue. */
  private applicationFields(dto: EmployeeDto, context: RequestContext): Partial<SignApplication> {
    const { ip, city, lng, lat } = origin(context);
    return { companyId: dto.company_id, workPos: dto.work_pos, handlerId: dto.ad_user_id, applyIp: ip, applyCity: city, applyLng: lng, applyLat: lat };
  }

  private async replaceRows(manager: EntityManager, employeeId: number, dto: EmployeeDto): Promise<void> {
    await manager.insert(EmployeeEducation, educationRows(employeeId, dto.employee_edu));
    await manager.insert(EmployeeWorkExperience, workRows(employeeId, dto.work_exp));
  }
}
