import { AlgoBackendError } from './algo-backend.client';
import { CandidateContact, ChatMessage, extractContact, nextStep } from './scripted-robot';

const JOB = { name: '装配工', jd: '五休二，包住宿' };
const NO_CONTACT: CandidateContact = { phone: null, wechat: null };
const robot = (msg: string): ChatMessage => ({ speaker: 'robot', msg });
const user = (msg: string): ChatMessage => ({ speaker: 'user', msg });
const system = (msg: string): ChatMessage => ({ speaker: 'system', msg });
const chat = (messages: ChatMessage[], backend: Parameters<typeof nextStep>[2] = null, knownContact = NO_CONTACT) =>
  nextStep({ messages, knownContact }, JOB, backend);

describe('extractContact', () => {
  it.each([
    ['我的电话13800138000', '13800138000'],
    ['手机 138 0013 8000', '13800138000'],
    ['138-0013-8000，白天都在', '13800138000'],
    ['+86 13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['＋８６ １９９ １２３４ ５６７８', '19912345678'],
  ])('finds the mobile number in %s', (text, phone) => {
    expect(extractContact(text).phone).toBe(phone);
  });

  it.each(['12800138000', '1380013800', '138001380001', '订单号 213800138000', '010-12345678'])('finds no mobile number in %s', (text) => {
    expect(extractContact(text).phone).toBeNull();
  });

  it.each([
    ['我的微信号是zhang_san88', 'zhang_san88'],
    ['微信：Li-Si-2024', 'Li-Si-2024'],
    ['加我vx abc12345', 'abc12345'],
    ['wx: wangwu_99 晚上联系', 'wangwu_99'],
    ['V信 zhaoliu1990', 'zhaoliu1990'],
    ['v: qianqi_007', 'qianqi_007'],
    ['ｗｘ ｓｕｎｂａ８８', 'sunba88'],
  ])('finds the WeChat ID in %s', (text, wechat) => {
    expect(extractContact(text).wechat).toBe(wechat);
  });

  it.each([
    '我做过developer2024项目',
    '微信 12345678',
    '微信 ab12',
    '微信 a123456789012345678901',
    '我会java和python3',
  ])('finds no WeChat ID in %s (no cue, too short, too long or not starting with a letter)', (text) => {
    expect(extractContact(text).wechat).toBeNull();
  });
});

describe('nextStep', () => {
  it('asks for a contact in the first round, after the backend reply or alone without a backend', () => {
    expect(chat([robot('您好'), user('还招人么')])).toEqual({
      nextStep: 'normal_chat',
      nextStepContent: '方便留个手机号或微信吗？我把「装配工」的详细情况发给您。',
      contact: NO_CONTACT,
    });
    expect(chat([robot('您好'), user('还招人么')], { reply: '在招的，五休二。', intent: 'ask_detail' }).nextStepContent).toBe(
      '在招的，五休二。\n方便留个手机号或微信吗？我把「装配工」的详细情况发给您。',
    );
  });

  it('passes the backend reply through in later rounds, and steers to a contact without a backend', () => {
    const history = [robot('您好'), user('还招人么'), robot('方便留个手机号吗？'), user('包住吗')];
    expect(chat(history, { reply: '包住宿，四人间。', intent: 'ask_detail' })).toMatchObject({ nextStep: 'normal_chat', nextStepContent: '包住宿，四人间。' });
    expect(chat(history)).toMatchObject({ nextStep: 'normal_chat', nextStepContent: expect.stringMatching(/手机号或微信|联系方式/) });
  });

  it('asks again after a refusal (seen in the text or as the backend intent), instead of the backend reply', () => {
    const history = [robot('您好'), user('在招'), robot('方便留个手机号吗？'), user('不方便')];
    expect(chat(history, { reply: '好的', intent: 'other' }).nextStepContent).toMatch(/理解的|没关系/);
    const byIntent = [robot('您好'), user('在招'), robot('方便留个手机号吗？'), user('再说吧')];
    expect(chat(byIntent, { reply: '好的', intent: 'refuse' }).nextStepContent).toMatch(/理解的|没关系/);
  });

  it('gives up politely at the second refusal', () => {
    const history = [robot('您好'), user('不考虑'), robot('理解的，方便留个联系方式吗？'), user('不需要，别发了')];
    expect(chat(history)).toMatchObject({ nextStep: 'finish', nextStepContent: '好的，不打扰您了，祝您求职顺利！' });
  });

  it('acknowledges and finishes when a contact arrives, answering the contact', () => {
    expect(chat([robot('您好'), user('有兴趣'), robot('方便留个手机号吗？'), user('138 0013 8000')])).toEqual({
      nextStep: 'finish',
      nextStepContent: '好的，收到您的联系方式了，稍后会有同事联系您，请留意短信或微信。',
      contact: { phone: '13800138000', wechat: null },
    });
    expect(chat([robot('您好'), user('加我微信 zhang_san88'), user('晚上方便')]).contact).toEqual({ phone: null, wechat: 'zhang_san88' });
    expect(chat([robot('您好'), system('候选人同意给微信')])).toMatchObject({ nextStep: 'finish', contact: NO_CONTACT });
  });

  it('takes a lone ID-shaped answer as the WeChat ID right after being asked for a contact', () => {
    expect(chat([robot('方便加个微信吗？'), user('zhang_san88')])).toMatchObject({ nextStep: 'finish', contact: { wechat: 'zhang_san88' } });
  });

  it('asks to confirm an ID-shaped word nobody asked for, and takes it once confirmed', () => {
    const asked = chat([robot('您好，在看工作吗'), user('zhangsan88')]);
    expect(asked).toMatchObject({ nextStep: 'need_ensure', nextStepContent: '请问「zhangsan88」是您的微信号吗？' });
    expect(chat([robot('您好，在看工作吗'), user('zhangsan88'), robot(asked.nextStepContent), user('是的')])).toMatchObject({
      nextStep: 'finish',
      contact: { wechat: 'zhangsan88' },
    });
  });

  it('asks to confirm a mobile number of the wrong length', () => {
    expect(chat([robot('方便留个手机号吗？'), user('1380013800')])).toMatchObject({ nextStep: 'need_ensure', nextStepContent: expect.stringContaining('10 位') });
  });

  it('finishes when a contact was stored earlier', () => {
    expect(chat([robot('好的'), user('什么时候上班')], null, { phone: '13800138000', wechat: null })).toMatchObject({ nextStep: 'finish' });
  });

  it('answers algo_abnormal with the script\'s safe reply when the backend failed', () => {
    expect(chat([robot('您好'), user('还招人么')], new AlgoBackendError('HTTP 500', 'transient'))).toEqual({
      nextStep: 'algo_abnormal',
      nextStepContent: '方便留个手机号或微信吗？我把「装配工」的详细情况发给您。',
      contact: NO_CONTACT,
    });
  });

  it('covers an empty or trivial backend reply with the script', () => {
    const history = [robot('您好'), user('好'), robot('方便留个手机号吗？'), user('[微笑]')];
    expect(chat(history, { reply: '', intent: null }).nextStepContent).toMatch(/联系方式|手机号或微信/);
    const later = [robot('您好'), user('好'), robot('方便留个手机号吗？'), user('哈哈')];
    expect(chat(later, { reply: '哈哈哈', intent: 'trivial' }).nextStepContent).toMatch(/联系方式|手机号或微信/);
  });

  it('answers nothing new when the candidate has said nothing', () => {
    expect(chat([robot('您好')])).toEqual({ nextStep: 'normal_chat', nextStepContent: '', contact: NO_CONTACT });
    expect(chat([robot('您好'), system('对方查看了您的职位')])).toEqual({ nextStep: 'normal_chat', nextStepContent: '', contact: NO_CONTACT });
  });
});
