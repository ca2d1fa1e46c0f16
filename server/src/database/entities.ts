import { AdminSession } from '../admin/admin-session.entity';
import { AdminUser } from '../admin/admin-user.entity';
import { AuditLog } from '../admin/audit-log.entity';
import { UserSession } from '../auth/user-session.entity';
import { WechatUser } from '../auth/wechat-user.entity';
import { BridgeEvent } from '../bridges/common/bridge-event.entity';
import { BridgeJob } from '../bridges/common/bridge-job.entity';
import { FeishuLink } from '../bridges/feishu/feishu-link.entity';
import { LeapinInvite } from '../bridges/leapin/leapin-invite.entity';
import { MokaCandidate } from '../bridges/moka/moka-candidate.entity';
import { Company } from '../catalog/company.entity';
import { CompanyCertificate } from '../certificates/company-certificate.entity';
import { DictionaryEntry } from '../catalog/dictionary-entry.entity';
import { Platform } from '../catalog/platform.entity';
import { WorkPosition } from '../catalog/work-position.entity';
import { EmployeeEducation } from '../employee/employee-education.entity';
import { EmployeeWorkExperience } from '../employee/employee-work-experience.entity';
import { Employee } from '../employee/employee.entity';
import { RealnameCheck } from '../realname/realname-check.entity';
import { CompanySeal } from '../seals/company-seal.entity';
import { ContractDocument } from '../sign/contract-document.entity';
import { Contract } from '../admin/contracts/contract.entity';
import { SignApplicationEvent } from '../applications/sign-application-event.entity';
import { SignApplication } from '../applications/sign-application.entity';
import { Upload } from '../upload/upload.entity';

export const ENTITIES = [
  AdminSession,
  AdminUser,
  AuditLog,
  BridgeEvent,
  BridgeJob,
  Company,
  CompanyCertificate,
  CompanySeal,
  Contract,
  ContractDocument,
  DictionaryEntry,
  Employee,
  EmployeeEducation,
  EmployeeWorkExperience,
  FeishuLink,
  LeapinInvite,
  MokaCandidate,
  Platform,
  RealnameCheck,
  SignApplication,
  SignApplicationEvent,
  Upload,
  UserSession,
  WechatUser,
  WorkPosition,
];
