import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { SignApplicationStatus } from '@shanqian/shared';
import { ANY_APPLICATION_EVENT, ApplicationTransitioned } from '../../applications/application-events';
import { STATUS_LABELS } from '../../applications/application-status';
import { ApplicationsService } from '../../applications/applications.service';
import { SignApplication } from '../../applications/sign-application.entity';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { BridgeQueue } from '../common/bridge-queue';
import { ExternalApplication, ExternalApplicationInput, FEISHU_CLIENT, FeishuHireClient } from './feishu-hire.client';
import { FeishuLink } from './feishu-link.entity';
import { FeishuLinkRepository } from './feishu-link.repository';

/** The Feishu stage of each status of ours: the status's own name. */
const FEISHU_STAGES = STATUS_LABELS;
/** How Feishu Hire shows where the external applications came from; with create_time it also recognises ours in a list. */
const RESUME_SOURCE = '闪签云';
const SOCIAL_RECRUITMENT = 1;
/** 候选人主动投递: workers apply themselves in the mini-program. */
const SELF_APPLIED = 2;
const TERMINATED: ReadonlySet<SignApplicationStatus> = new Set([SignApplicationStatus.Rejected, SignApplicationStatus.Cancelled]);
/** Links looked at per pass of the watcher; the next pass takes the rest. */
const SCAN_BATCH = 100;

const MIRROR_JOB = 'mirror';

/** A queued mirror: the status the application had when the job was queued, for the talent it was linked to then. */
export interface MirrorJob {
  applicationId: number;
  talentId: string;
  status: SignApplicationStatus;
}

/**
 * Keeps the external application of each linked 闪签云 application in Feishu Hire at the stage named
 * after its status.
 *
 * How it learns of status changes without hooks in the signing code: a watcher compares, every
 * BRIDGE_QUEUE_POLL_MS, the status of each linked application with `feishu_link.last_stage`, the
 * stage the bridge last handed to the queue. A difference queues a mirror job and moves last_stage
 * on. The state it compares is in the database, so nothing is missed across restarts and there is
 * no cursor to keep; several servers may watch at once (the dedupe key makes their jobs one).
 *
 * A mirror job sends the application's current state: a create (external_id = our application id)
 * the first time, a full update after. A job whose status is no longer the application's is
 * skipped, as the newer status has its own job, so a late retry never puts an old stage back.
 */
@Injectable()
export class FeishuMirrorService implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('FeishuMirror');
  private timer: NodeJS.Timeout | null = null;
  private scanning: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly links: FeishuLinkRepository,
    private readonly applications: ApplicationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FEISHU_CLIENT) private readonly client: FeishuHireClient | null,
    private readonly queue: BridgeQueue,
  ) {}

  onModuleInit(): void {
    if (this.client) this.queue.handle<MirrorJob>('feishu', MIRROR_JOB, (job) => this.mirror(job));
  }

  onApplicationBootstrap(): void {
    if (this.client) this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.scanning;
  }

  /**
   * Queues the mirror of the application's current status, once per status and version of it (a
   * return to an earlier status is a new version, so it is mirrored again), and records that stage
   * as the last one handed over.
   */
  async queueMirror(link: Pick<FeishuLink, 'id' | 'applicationId' | 'talentId'>, application: Pick<SignApplication, 'status' | 'version'>): Promise<void> {
    const job: MirrorJob = { applicationId: link.applicationId, talentId: link.talentId, status: application.status };
    await this.queue.enqueue('feishu', MIRROR_JOB, job, `${link.applicationId}:${link.talentId}:${application.status}:${application.version}`);
    await this.links.update(link.id, link.talentId, { lastStage: FEISHU_STAGES[application.status] });
  }

  /** Each committed change of a linked application queues its mirror at once; the watcher only catches what this missed (a crash in between). */
  @OnEvent(ANY_APPLICATION_EVENT, { async: true })
  async onApplicationChanged(event: ApplicationTransitioned): Promise<void> {
    if (!this.client || this.stopped) return;
    try {
      const link = await this.links.findByApplication(event.applicationId);
      if (link) await this.queueMirror(link, { status: event.toStatus, version: event.version });
    } catch (error) {
      this.logger.warn(`queueing the mirror of application ${event.applicationId} failed, the watcher will: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** One pass of the watcher: queues a mirror for each linked application whose status moved since its last one. */
  async scan(): Promise<void> {
    for (const row of await this.links.moved(FEISHU_STAGES, SCAN_BATCH)) {
      await this.queueMirror(row, row);
    }
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.scanning = this.scan()
        .catch((error) => this.logger.error(`looking for status changes failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          if (!this.stopped) this.schedule();
        });
    }, this.config.bridges.queuePollMs);
    this.timer.unref();
  }

  /** The queued job: creates or updates the external application; PartnerErrors go back to the queue (retry or fail). */
  private async mirror(job: MirrorJob): Promise<void> {
    const link = await this.links.findByApplication(job.applicationId);
    const application = await this.applications.findById(job.applicationId);
    if (!link || !application || link.talentId !== job.talentId || application.status !== job.status) return;

    const input = await this.externalApplication(application, link.talentId);
    let id = link.externalApplicationId;
    if (!id) {
      const existing = await this.findOurs(input);
      // Found with the stage already set: the create whose answer was lost did all there was to do.
      if (existing?.id && existing.stage === input.stage) return this.saved(link, existing.id);
      id = existing?.id ?? null;
    }
    if (id) await this.client!.updateExternalApplication(id, input);
    else id = await this.client!.createExternalApplication(input);
    await this.saved(link, id);
  }

  private async saved(link: FeishuLink, externalApplicationId: string): Promise<void> {
    await this.links.update(link.id, link.talentId, { externalApplicationId, syncedAt: new Date() });
  }

  /**
   * Before a create, the one Feishu may already hold: a create whose answer was lost (a timeout, a
   * crash before its id was saved) has to be found, not repeated. Feishu's list shows no
   * external_id, so ours is the one from our resume source with our application's creation time.
   */
  private async findOurs(input: ExternalApplicationInput): Promise<ExternalApplication | undefined> {
    const applications = await this.client!.listExternalApplications(input.talent_id);
    return applications.find((a) => a.resume_source === RESUME_SOURCE && a.create_time === input.create_time);
  }

  /**
   * The whole external application, as create and update (a full overwrite) both want it. Its times
   * are those of the application's history: created at its first event, modified at its latest.
   */
  private async externalApplication(application: SignApplication, talentId: string): Promise<ExternalApplicationInput> {
    const { first, last } = await this.applications.historyBounds(application.id);
    const stage = FEISHU_STAGES[application.status];
    return {
      external_id: String(application.id),
      job_recruitment_type: SOCIAL_RECRUITMENT,
      ...(application.workPos ? { job_title: application.workPos } : {}),
      resume_source: RESUME_SOURCE,
      stage,
      talent_id: talentId,
      delivery_type: SELF_APPLIED,
      create_time: (first?.createdAt ?? application.applyTime).getTime(),
      modify_time: (last?.createdAt ?? application.updatedAt).getTime(),
      ...(TERMINATED.has(application.status) ? { termination_type: 'HR 主动终止', termination_reason: application.reason || stage } : {}),
    };
  }
}
