import { AlgoAnswer, AlgoBackendError, ChatSpeaker } from './algo-backend.client';

/**
 * The recruiting robot's chat rules, after hunter_robot's: the whole point of a chat is a phone
 * number or a WeChat ID. Whether the reply comes from a job's algorithm backend or from this script,
 * the same rules sit on top: ask for a contact in the first round and after a refusal, stop asking
 * after the second refusal, and finish once a contact has arrived. Pure: the chat service merges
 * the history, calls the backend and stores what comes out.
 */

export type NextStep = 'normal_chat' | 'finish' | 'algo_abnormal' | 'need_ensure';

export interface ChatMessage {
  speaker: ChatSpeaker;
  msg: string;
  time?: string;
}

export interface CandidateContact {
  phone: string | null;
  wechat: string | null;
}

export interface ChatConversation {
  /** The merged history, oldest first, the candidate's newest messages last. */
  messages: ChatMessage[];
  /** A contact stored before this round (an earlier chat, a result report). */
  knownContact: CandidateContact;
}

export interface ChatJob {
  name: string;
  jd: string;
}

/** This round's word from the job's backend: its answer, its failure, or null when the job has none (the script alone). */
export type BackendOutcome = AlgoAnswer | AlgoBackendError | null;

export interface ChatDecision {
  nextStep: NextStep;
  /** What to send the candidate; '' when there is nothing to answer. */
  nextStepContent: string;
  /** The contact found in this round's messages, for the chat service to store. */
  contact: CandidateContact;
}

/** The backend's intents the script acts on; any other intent passes its reply through. */
export const REFUSE_INTENT = 'refuse';
export const TRIVIAL_INTENT = 'trivial';

const ASK_FIRST = (job: ChatJob) => `方便留个手机号或微信吗？我把「${job.name}」的详细情况发给您。`;
const ASK_AFTER_REFUSAL = [
  '理解的。方便留个联系方式吗？之后有更合适的岗位第一时间告诉您。',
  '没关系，留个手机号或微信吧，有合适的机会我再联系您。',
];
const STEER_TO_CONTACT = [
  '具体情况电话里说得更清楚，方便留个手机号或微信吗？',
  '咱们微信或电话详聊吧，方便留个联系方式吗？',
];
const GOT_CONTACT = '好的，收到您的联系方式了，稍后会有同事联系您，请留意短信或微信。';
const ALREADY_HAVE_CONTACT = '好的，我们的同事会尽快联系您，有问题可以随时问我。';
const GIVE_UP = '好的，不打扰您了，祝您求职顺利！';
const ENSURE_WECHAT = (id: string) => `请问「${id}」是您的微信号吗？`;
const ENSURE_PHONE = (digits: number) => `您发的手机号是 ${digits} 位，麻烦再发一下完整的 11 位手机号？`;

/** After NFKC (full-width digits and letters become ASCII): +86, spaces and dashes allowed between digits. */
const MOBILE = /(?<!\d)(?:\+?86[\s-]*)?(1[3-9](?:[\s-]*\d){9})(?!\d)/;
/** A number that starts like a mobile one but has a digit too few or too many. */
const MOBILE_ALMOST = /(?<!\d)1[3-9](?:[\s-]*\d){8,10}(?!\d)/;
/** WeChat's rule for an ID: 6-20 characters, a letter first, then letters, digits, _ and -. */
const WECHAT_ID = '[A-Za-z][A-Za-z0-9_-]{5,19}(?![A-Za-z0-9_-])';
/** A cue (微信, vx, wx, V信…) then the ID; Latin cues stand alone, so "developer2024" holds none. */
const WECHAT_CUED = new RegExp(
  String.raw`(?:微信号?|威信|薇信|v信|(?<![a-z])(?:vx|wx|weixin|wechat|v)(?![a-z0-9_-]))[\s:：,，]*(?:号码?|id)?[\s:：是为,，]*(${WECHAT_ID})`,
  'i',
);
const LONE_WECHAT_ID = new RegExp(`^${WECHAT_ID}$`);
/** Boss直聘's emoticons, `[微笑]`, are no words. */
const EMOTICON = /\[[^\][]{1,8}\]/g;
const REFUSAL = /不方便|不想|不需要|不考虑|不用了|不感兴趣|没兴趣|没有兴趣|算了|不合适|不找了|别打扰|不要再/;
/** A site's notice that a contact was exchanged (the seed's example: 候选人同意给微信). */
const EXCHANGE_NOTICE = /(同意|交换|已发送|发送了).*(微信|电话|手机|联系方式)|(微信|电话|手机|联系方式).*(同意|交换)/;
const ASKED_FOR_CONTACT = /联系方式|手机号|微信/;
const ENSURE_QUESTION = /^请问「([^」]+)」是您的微信号吗/;
const AFFIRMATIVE = /^(是|对|嗯|没错|yes|yep|ok|好)/i;

/** The mainland mobile number and the WeChat ID in a text, each null when absent. */
export function extractContact(text: string): CandidateContact {
  const plain = text.normalize('NFKC');
  const mobile = MOBILE.exec(plain);
  const wechat = WECHAT_CUED.exec(plain);
  return { phone: mobile ? mobile[1].replace(/[\s-]/g, '') : null, wechat: wechat ? wechat[1] : null };
}

/** What the robot should do next in this conversation. */
export function nextStep(conversation: ChatConversation, job: ChatJob, backend: BackendOutcome): ChatDecision {
  const { messages } = conversation;
  const lastRobot = messages.findLastIndex((m) => m.speaker === 'robot');
  const latest = messages.slice(lastRobot + 1);
  const userText = latest.filter((m) => m.speaker === 'user').map((m) => m.msg.replace(EMOTICON, '').trim()).filter(Boolean).join('\n');
  const none: CandidateContact = { phone: null, wechat: null };
  const decide = (step: NextStep, content: string, contact = none): ChatDecision => ({ nextStep: step, nextStepContent: content, contact });
  if (!latest.length) return decide('normal_chat', '');

  const robotSaid = lastRobot >= 0 ? messages[lastRobot].msg : '';
  const contact = roundContact(latest, userText, robotSaid);
  if (contact.phone || contact.wechat || latest.some((m) => m.speaker === 'system' && EXCHANGE_NOTICE.test(m.msg))) {
    return decide('finish', GOT_CONTACT, contact);
  }
  if (conversation.knownContact.phone || conversation.knownContact.wechat) return decide('finish', ALREADY_HAVE_CONTACT);
  const ensure = ensureQuestion(userText);
  if (ensure) return decide('need_ensure', ensure);
  // A site's notice alone (对方查看了您的职位) asks for no answer.
  if (!latest.some((m) => m.speaker === 'user')) return decide('normal_chat', '');

  const answer = backend instanceof AlgoBackendError ? null : backend;
  const refused = REFUSAL.test(userText) || answer?.intent === REFUSE_INTENT;
  const refusals = messages.slice(0, lastRobot + 1).filter((m) => m.speaker === 'user' && REFUSAL.test(m.msg)).length + (refused ? 1 : 0);
  if (refusals >= 2) return decide('finish', GIVE_UP);

  const round = candidateRounds(messages);
  const ask = refused ? pick(ASK_AFTER_REFUSAL, round) : round === 1 ? ASK_FIRST(job) : null;
  const script = ask ?? pick(STEER_TO_CONTACT, round);
  if (backend instanceof AlgoBackendError) return decide('algo_abnormal', script);
  // An emoticon alone still says the candidate is there: the script steers to a contact.
  if (!answer || !answer.reply.trim() || refused || answer.intent === TRIVIAL_INTENT) return decide('normal_chat', script);
  return decide('normal_chat', ask ? `${answer.reply.trim()}\n${ask}` : answer.reply.trim());
}

/**
 * The contact in this round: cued or a mobile number in any message; a lone ID-shaped answer
 * right after the robot asked for a contact; or the ID the robot asked to confirm, confirmed.
 */
function roundContact(latest: ChatMessage[], userText: string, robotSaid: string): CandidateContact {
  const found = latest.map((m) => extractContact(m.msg));
  const contact = { phone: found.find((c) => c.phone)?.phone ?? null, wechat: found.find((c) => c.wechat)?.wechat ?? null };
  if (contact.wechat) return contact;
  const lone = userText.normalize('NFKC');
  const asked = ENSURE_QUESTION.exec(robotSaid);
  if (asked && AFFIRMATIVE.test(lone)) contact.wechat = asked[1];
  else if (LONE_WECHAT_ID.test(lone) && /[\d_-]/.test(lone) && ASKED_FOR_CONTACT.test(robotSaid)) contact.wechat = lone;
  return contact;
}

/** A contact-looking answer the script will not take on trust: a WeChat-shaped word nobody asked for, a mobile number of the wrong length. */
function ensureQuestion(userText: string): string | null {
  const plain = userText.normalize('NFKC');
  if (LONE_WECHAT_ID.test(plain)) return ENSURE_WECHAT(plain);
  const almost = MOBILE_ALMOST.exec(plain);
  return almost ? ENSURE_PHONE(almost[0].replace(/[\s-]/g, '').length) : null;
}

/** How many times the candidate has spoken: each run of consecutive candidate messages is one round. */
function candidateRounds(messages: ChatMessage[]): number {
  return messages.filter((m, i) => m.speaker === 'user' && messages[i - 1]?.speaker !== 'user').length;
}

/** Deterministic variety: the same round always gets the same wording. */
function pick(texts: string[], round: number): string {
  return texts[round % texts.length];
}
