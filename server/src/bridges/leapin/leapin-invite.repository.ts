import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import { SignApplication } from '../../applications/sign-application.entity';
import { LeapinInvite } from './leapin-invite.entity';

/** Whom an application invites: the person behind it. */
export type InvitedApplication = Pick<SignApplication, 'id' | 'employeeId'>;

/** Every query of `leapin_invite`: who was invited to which LeapIn job, and the interview's outcome. */
@Injectable()
export class LeapinInviteRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findById(id: number): Promise<LeapinInvite | null> {
    return this.invites().findOneBy({ id });
  }

  findByPersonAndJob(employeeId: number, jobId: number): Promise<LeapinInvite | null> {
    return this.invites().findOneBy({ employeeId, jobId });
  }

  /** Fails on the unique (employee_id, job_id) when the person is invited to the job already. */
  async insert(values: Pick<LeapinInvite, 'employeeId' | 'jobId' | 'applicationId'>): Promise<void> {
    await this.invites().insert(values);
  }

  async update(id: number, changes: Partial<LeapinInvite>): Promise<void> {
    await this.invites().update(id, changes);
  }

  /** The invitations LeapIn has accepted, whose outcomes a pull reads. */
  sent(): Promise<LeapinInvite[]> {
    return this.invites().find({ where: { leapinApplicationId: Not(IsNull()) }, order: { id: 'ASC' } });
  }

  forApplication(applicationId: number): Promise<LeapinInvite[]> {
    return this.invites().find({ where: { applicationId }, order: { id: 'ASC' } });
  }

  private invites() {
    return this.db.getRepository(LeapinInvite);
  }
}
