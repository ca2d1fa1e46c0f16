import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Employee } from './employee.entity';

/** One row of a resume's work history (work_exp). Dates are YYYY-MM. */
@Entity('work_exp')
export class EmployeeWorkExperience {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ name: 'employee_id', type: 'int' })
  employeeId!: number;

  @ManyToOne(() => Employee, (employee) => employee.workExperience, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'employee_id' })
  employee?: Relation<Employee>;

  @Column({ type: 'int', default: 0 }) sort!: number;
  @Column({ name: 'company_name', type: 'varchar', length: 64 }) companyName!: string;
  @Column({ type: 'varchar', length: 32 }) position!: string;
  @Column({ name: 'start_date', type: 'varchar', length: 7 }) startDate!: string;
  @Column({ name: 'end_date', type: 'varchar', length: 7 }) endDate!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) description!: string | null;
}
