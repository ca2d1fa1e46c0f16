import { LeapinInvite } from './leapin-invite.entity';

/** What GET /admin/applications/:id shows of one of the application's LeapIn interviews. */
export interface LeapinInviteView {
  job_id: number;
  leapin_application_id: number | null;
  interview_url: string | null;
  status: number | null;
  report_status: number | null;
  leapin_total_score: string | null;
  leapin_rank: number | null;
  leapin_report_url: string | null;
  invited_at: Date | null;
  pulled_at: Date | null;
}

export function leapinInviteView(invite: LeapinInvite): LeapinInviteView {
  return {
    job_id: invite.jobId,
    leapin_application_id: invite.leapinApplicationId,
    interview_url: invite.interviewUrl,
    status: invite.status,
    report_status: invite.reportStatus,
    leapin_total_score: invite.totalScore,
    leapin_rank: invite.leapinRank,
    leapin_report_url: invite.reportUrl,
    invited_at: invite.invitedAt,
    pulled_at: invite.pulledAt,
  };
}
