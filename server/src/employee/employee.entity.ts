import { Gender, HouseholdType, MaritalStatus, PoliticalStatus } from '@shanqian/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { WechatUser } from '../auth/wechat-user.entity';
import { Upload } from '../upload/upload.entity';
import { EmployeeEducation } from './employee-education.entity';
import { EmployeeWorkExperience } from './employee-work-experience.entity';
import { Timestamped } from '../database/timestamped.entity';

/** A worker's resume (seed §2.2.1); one per WeChat user. */
@Entity('employee')
export class Employee extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index({ unique: true })
  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  @ManyToOne(() => WechatUser, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: WechatUser;

  @Column({ name: 'real_name', type: 'varchar', length: 16 })
  realName!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 16 })
  phone!: string;

  /** AES-256-GCM under DATA_KEY; never stored in clear. */
  @Column({ name: 'id_number_enc', type: 'varchar', length: 128 })
  idNumberEnc!: string;

  /** Keyed hash of the ID number, for uniqueness and lookups without decrypting. */
  @Index({ unique: true })
  @Column({ name: 'id_number_hash', type: 'varchar', length: 64 })
  idNumberHash!: string;

  @Column({ type: 'int', default: 0 })
  age!: number;

  @Column({ type: 'int', default: Gender.Unknown })
  gender!: Gender;

  @Column({ type: 'varchar', length: 12, default: '' })
  nation!: string;

  @Column({ name: 'marital_sts', type: 'int' })
  maritalSts!: MaritalStatus;

  @Column({ name: 'political_sts', type: 'int' })
  politicalSts!: PoliticalStatus;

  @Column({ name: 'acct_type', type: 'int' })
  acctType!: HouseholdType;

  @Column({ name: 'acct_prc_id', type: 'int', nullable: true }) acctPrcId!: number | null;
  @Column({ name: 'acct_prc_name', type: 'varchar', length: 16, nullable: true }) acctPrcName!: string | null;
  @Column({ name: 'acct_city_id', type: 'int', nullable: true }) acctCityId!: number | null;
  @Column({ name: 'acct_city_name', type: 'varchar', length: 12, nullable: true }) acctCityName!: string | null;
  @Column({ name: 'acct_coy_id', type: 'int', nullable: true }) acctCoyId!: number | null;
  @Column({ name: 'acct_coy_name', type: 'varchar', length: 255, nullable: true }) acctCoyName!: string | null;
  @Column({ name: 'acct_addr', type: 'varchar', length: 16, nullable: true }) acctAddr!: string | null;
  @Column({ name: 'province_id', type: 'int', nullable: true }) provinceId!: number | null;
  @Column({ name: 'province_name', type: 'varchar', length: 12, nullable: true }) provinceName!: string | null;
  @Column({ name: 'city_id', type: 'int', nullable: true }) cityId!: number | null;
  @Column({ name: 'city_name', type: 'varchar', length: 12, nullable: true }) cityName!: string | null;
  @Column({ name: 'county_id', type: 'int', nullable: true }) countyId!: number | null;
  @Column({ name: 'county_name', type: 'varchar', length: 255, nullable: true }) countyName!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) addr!: string | null;
  @Column({ name: 'em_contact_name', type: 'varchar', length: 16, nullable: true }) emContactName!: string | null;
  @Column({ name: 'em_contact_phone', type: 'varchar', length: 32, nullable: true }) emContactPhone!: string | null;
  @Column({ name: 'em_contact_relationship', type: 'varchar', length: 32, nullable: true }) emContactRelationship!: string | null;

  @Column({ name: 'id_card_front_id', type: 'int' })
  idCardFrontId!: number;

  @ManyToOne(() => Upload, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'id_card_front_id' })
  idCardFront?: Upload;

  @Column({ name: 'id_card_back_id', type: 'int' })
  idCardBackId!: number;

  @ManyToOne(() => Upload, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'id_card_back_id' })
  idCardBack?: Upload;

  @OneToMany(() => EmployeeEducation, (row) => row.employee)
  education?: EmployeeEducation[];

  @OneToMany(() => EmployeeWorkExperience, (row) => row.employee)
  workExperience?: EmployeeWorkExperience[];
}
