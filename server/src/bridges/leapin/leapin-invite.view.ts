import type { LeapinInterviewView } from '@shanqian/shared';
import { LeapinInvite } from './leapin-invite.entity';

/** What GET /admin/applications/:id shows of one of the application's LeapIn interviews. */
export function leapinInviteView(invite: LeapinInvite): LeapinInterviewView {
  return {
    job_id: invite.jobId,
    leapin_application_id: invite.leapinApplicationId,
    interview_url: invite.interviewUrl,
    status: invite.status,
    report_status: invite.reportStatus,
    leapin_total_score: invite.totalScore,
    leapin_rank: invite.leapinRank,
    leapin_report_url: invite.reportUrl,
    invited_at: invite.invitedAt?.toISOString() ?? null,
    pulled_at: invite.pulledAt?.toISOString() ?? null,
  };
}
