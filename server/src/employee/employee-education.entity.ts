import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Employee } from './employee.entity';

/** One row of a resume's education (employee_edu). Dates are YYYY-MM. */
@Entity('employee_edu')
export class EmployeeEducation {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ name: 'employee_id', type: 'int' })
  employeeId!: number;

  @ManyToOne(() => Employee, (employee) => employee.education, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'employee_id' })
  employee?: Relation<Employee>;

  @Column({ type: 'int', default: 0 }) sort!: number;
  @Column({ type: 'varchar', length: 64 }) school!: string;
  @Column({ type: 'varchar', length: 64 }) major!: string;
  @Column({ name: 'edu_type', type: 'varchar', length: 32 }) eduType!: string;
  @Column({ name: 'start_date', type: 'varchar', length: 7 }) startDate!: string;
  @Column({ name: 'end_date', type: 'varchar', length: 7 }) endDate!: string;
}
