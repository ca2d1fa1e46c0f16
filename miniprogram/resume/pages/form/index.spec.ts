import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { getCompanies, getDict, getHandlers, getWorkPositions } from '../../../services/catalog';
import { createEmployee, getEmployee, prefillEmployee, updateEmployee } from '../../../services/employee';
import { ApiError } from '../../../services/request';
import { getCaptcha } from '../../../services/verification';
import { completeForm, submittedResume } from '../../../test/resume-form';
import { memoryStorage } from '../../../test/page-harness';
import { showError } from '../../../utils/feedback';
import type { ResumeForm } from '../../../utils/resume-rules';

jest.mock('../../../services/catalog');
jest.mock('../../../services/employee');
jest.mock('../../../services/verification');
jest.mock('../../../services/upload');
jest.mock('../../../utils/feedback');

const root = path.join(__dirname, '../../..');
// Loaded once: Jest's module registry runs the page's Component() call only on the first require.
const formPage = simulate.load(path.join(__dirname, 'index'), {
  rootPath: root,
  usingComponents: { 'van-field': path.relative(__dirname, path.join(root, 'test/stubs/van-field/index')) },
});

type Page = simulate.RootComponent<any, any, any>;
type Lifecycle = { onLoad(query: Record<string, string>): void; onHide(): void; onUnload(): void };

const DRAFT_KEY = 'resume.draft';
let storage = new Map<string, unknown>();
/** The pages a spec opened: closed after it, so no draft timer of theirs fires into the next one. */
const opened: Page[] = [];

const DICTS: Record<string, { dict_key: string; dict_value: string }[]> = {
  Nation: [{ dict_key: '01', dict_value: '汉族' }, { dict_key: '03', dict_value: '回族' }],
  Marital_Sts: [{ dict_key: '1', dict_value: '未婚' }, { dict_key: '2', dict_value: '已婚' }, { dict_key: '3', dict_value: '离异' }],
  Political_Sts: [{ dict_key: '1', dict_value: '共产党员' }, { dict_key: '2', dict_value: '共青团员' }, { dict_key: '3', dict_value: '群众' }],
  Acct_Type: [{ dict_key: '0', dict_value: '农村' }, { dict_key: '1', dict_value: '城市' }],
  Relationship: [{ dict_key: 'parent', dict_value: '父母' }, { dict_key: 'friend', dict_value: '朋友' }],
  Edu_Type: [{ dict_key: 'senior', dict_value: '高中' }, { dict_key: 'bachelor', dict_value: '本科' }],
};

afterEach(() => {
  for (const page of opened.splice(0)) (page.instance as unknown as Lifecycle).onUnload();
});

beforeEach(() => {
  jest.clearAllMocks();
  storage = memoryStorage();
  jest.spyOn(wx, 'showToast');
  jest.spyOn(wx, 'pageScrollTo');
  jest.spyOn(wx, 'reLaunch');
  jest.mocked(getDict).mockImplementation(async (item) => DICTS[item]);
  jest.mocked(getCompanies).mockResolvedValue([{ id: 1, company_name: '闪签云示范科技有限公司' }]);
  jest.mocked(getWorkPositions).mockResolvedValue(['普工', '质检员']);
  jest.mocked(getHandlers).mockResolvedValue([{ id: 1, name: '张敏' }, { id: 2, name: '李强' }]);
  jest.mocked(getCaptcha).mockResolvedValue({ captcha_id: 'c1', image: 'data:image/svg+xml;base64,PHN2Zy8+' });
  jest.mocked(getEmployee).mockRejectedValue(new ApiError(13002, 404, '尚未提交简历'));
});

/** Opens the form as the page would be opened; `getEmployee` answers as mocked. */
async function openForm(): Promise<Page> {
  const page = simulate.render(formPage);
  opened.push(page);
  page.attach(document.createElement('parent-wrapper'));
  (page.instance as unknown as Lifecycle).onLoad({});
  await simulate.sleep(0);
  return page;
}

async function fire(page: Page, selector: string, event: string, detail?: unknown): Promise<void> {
  const node = page.querySelector(selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  node.dispatchEvent(event, { detail });
  await simulate.sleep(0);
}

const text = (page: Page, selector?: string) => (selector ? page.querySelector(selector)?.dom?.textContent : page.dom?.textContent) ?? '';
const form = (page: Page) => page.data.form as ResumeForm;
const openSection = (page: Page, index: number) => fire(page, `#section-${index}`, 'toggle', { index });

/** A complete resume waiting as the draft, so the form opens filled in. */
function draftOf(fields: Partial<ResumeForm>): void {
  storage.set(DRAFT_KEY, { savedAt: Date.now(), fields });
}

describe('a new resume', () => {
  it('shows the eight sections with what each still lacks, the first open', async () => {
    const page = await openForm();
    expect(page.data.phase).toBe('editing');
    for (const title of ['身份信息', '户籍和现住址', '紧急联系人', '身份证照片', '教育经历', '工作经历', '应聘岗位', '手机验证']) {
      expect(text(page)).toContain(title);
    }
    expect(text(page, '#section-0')).toContain('还差 6 项');
    expect(text(page, '#section-1')).toContain('选填');
    expect(page.querySelector('#field-real_name')).toBeTruthy();
    expect(page.querySelector('#field-phone')).toBeFalsy();
    expect(text(page, '#missing')).toContain('身份信息');
    expect(text(page, '#submit-button')).toBe('提交简历');
    expect(getDict).toHaveBeenCalledWith('Nation');
  });

  it('takes typing into its fields and picks from the dictionaries', async () => {
    const page = await openForm();
    await fire(page, '#field-real_name', 'change', '王小明');
    expect(form(page).real_name).toBe('王小明');
    expect(text(page, '#field-real_name')).toContain('王小明');

    await fire(page, '#pick-nation', 'change', { value: 1 });
    await fire(page, '#pick-marital_sts', 'change', { value: 2 });
    expect(form(page)).toMatchObject({ nation: '回族', marital_sts: '3' });
    expect(text(page, '#field-marital_sts')).toContain('离异');
  });

  it('checks the ID number as it is typed', async () => {
    const page = await openForm();
    await fire(page, '#field-id_number', 'change', '4101');
    expect(text(page, '#id-hint')).toBe('还差 14 位');
    expect(text(page, '#field-id_number')).not.toContain('请核对');

    await fire(page, '#field-id_number', 'change', '99');
    expect(text(page, '#field-id_number')).toContain('前两位不是有效的地区代码，请核对号码');

    await fire(page, '#field-id_number', 'change', '110101199506150014');
    expect(text(page, '#field-id_number')).toContain('校验位不正确，请核对号码');
  });

  it('fills age and gender from a valid ID number, an x typed as X', async () => {
    const page = await openForm();
    await fire(page, '#field-id_number', 'change', '11010519491231002x');
    expect(form(page).id_number).toBe('11010519491231002X');
    expect(text(page, '#field-id_number')).not.toContain('校验位');
    expect(text(page, '#id-hint')).toBe('出生日期 1949-12-31');
    expect(text(page, '#field-gender')).toContain('女');
    expect(Number(page.data.age)).toBeGreaterThanOrEqual(75);
    expect(text(page, '#field-age')).toContain(page.data.age);
  });

  it('shows a field’s problem once the worker leaves it', async () => {
    const page = await openForm();
    await fire(page, '#field-real_name', 'change', '王'.repeat(17));
    expect(text(page, '#field-real_name')).not.toContain('最多');
    await fire(page, '#field-real_name', 'blur');
    expect(text(page, '#field-real_name')).toContain('最多 16 个字');
  });

  it('on submit shows every problem on its field and goes to the first, sending nothing', async () => {
    const page = await openForm();
    await fire(page, '#submit-button', 'click');
    expect(createEmployee).not.toHaveBeenCalled();
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '还有 22 项需要填写或修改' }));
    expect(text(page, '#field-real_name')).toContain('不能为空');
    expect(wx.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#field-real_name' }));

    await fire(page, '#field-real_name', 'change', '王小明');
    expect(text(page, '#field-real_name')).not.toContain('不能为空');
  });

  it('keeps what was typed as a draft and restores it when the page is opened again', async () => {
    const first = await openForm();
    await fire(first, '#field-real_name', 'change', '王小明');
    await fire(first, '#field-id_number', 'change', '1101011995');
    // Saved shortly after typing stops, without leaving the page.
    await simulate.sleep(500);
    expect(storage.get(DRAFT_KEY)).toMatchObject({ fields: { real_name: '王小明', id_number: '1101011995' } });
    first.detach();

    const again = await openForm();
    expect(form(again)).toMatchObject({ real_name: '王小明', id_number: '1101011995' });
    expect(text(again, '#field-real_name')).toContain('王小明');
    expect(text(again, '#restored')).toContain('已恢复');
  });

  it('saves the draft at once when the worker leaves the page', async () => {
    const page = await openForm();
    await fire(page, '#field-real_name', 'change', '李四');
    (page.instance as unknown as Lifecycle).onHide();
    expect(storage.get(DRAFT_KEY)).toMatchObject({ fields: { real_name: '李四' } });
  });

  it('adds, edits and removes education rows', async () => {
    const page = await openForm();
    await openSection(page, 4);
    await fire(page, '#list-employee_edu', 'add', { list: 'employee_edu' });
    expect(form(page).employee_edu).toHaveLength(2);
    expect(page.data.openRows.employee_edu).toBe(1);
    await fire(page, '#list-employee_edu', 'change', { list: 'employee_edu', index: 1, field: 'school', value: '郑州一中' });
    expect(form(page).employee_edu[1].school).toBe('郑州一中');
    await fire(page, '#list-employee_edu', 'remove', { list: 'employee_edu', index: 0 });
    expect(form(page).employee_edu).toEqual([expect.objectContaining({ school: '郑州一中' })]);
  });

  it('submits a complete resume with POST and clears the draft', async () => {
    draftOf(completeForm());
    jest.mocked(createEmployee).mockResolvedValue(null);
    const showModal = jest.spyOn(wx, 'showModal');
    const page = await openForm();
    expect(page.data.missing).toEqual([]);
    await fire(page, '#submit-button', 'click');
    expect(createEmployee).toHaveBeenCalledWith(expect.objectContaining({ real_name: '王小明', gender: 1, verify_code: '123456', acct_prc_id: 410000 }));
    expect(storage.has(DRAFT_KEY)).toBe(false);
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '提交成功' }));
  });

  it('shows a problem the server names on its field, opens its section and keeps the input', async () => {
    draftOf(completeForm());
    jest.mocked(createEmployee).mockRejectedValue(new ApiError(10001, 400, 'phone: 应为 11 位中国大陆手机号'));
    const page = await openForm();
    await fire(page, '#submit-button', 'click');
    expect(page.data.openSection).toBe(7);
    expect(text(page, '#field-phone')).toContain('应为 11 位中国大陆手机号');
    expect(wx.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#field-phone' }));
    expect(showError).toHaveBeenCalled();
    expect(form(page).real_name).toBe('王小明');
    expect(storage.get(DRAFT_KEY)).toMatchObject({ fields: { phone: '13912345678' } });

    // Changing the phone clears the server's verdict on it.
    await fire(page, '#field-phone', 'change', '13912345679');
    expect(text(page, '#field-phone')).not.toContain('应为');
  });

  it('fills the household registration from the region picker: codes for the ids, names for the names', async () => {
    jest.mocked(createEmployee).mockResolvedValue(null);
    draftOf(completeForm({ acct_region: null }));
    const page = await openForm();
    await openSection(page, 1);
    await fire(page, '#pick-acct_region', 'change', { value: ['广东省', '广州市', '海珠区'], code: ['440000', '440100', '440105'], postcode: '510000' });
    expect(text(page, '#field-acct_region')).toContain('广东省 广州市 海珠区');
    await fire(page, '#submit-button', 'click');
    expect(createEmployee).toHaveBeenCalledWith(
      expect.objectContaining({ acct_prc_id: 440000, acct_prc_name: '广东省', acct_city_id: 440100, acct_city_name: '广州市', acct_coy_id: 440105, acct_coy_name: '海珠区' }),
    );
  });

  it('takes the uploaded photos and the SMS code from their components', async () => {
    const page = await openForm();
    await openSection(page, 3);
    await fire(page, '#field-id_card_front', 'change', { url: 'http://api/image/front?sig=1' });
    await fire(page, '#field-id_card_back', 'change', { url: 'http://api/image/back?sig=2' });
    expect(form(page)).toMatchObject({ id_card_front: 'http://api/image/front?sig=1', id_card_back: 'http://api/image/back?sig=2' });
    expect(text(page, '#section-3')).toContain('已完成');

    await openSection(page, 7);
    await fire(page, '#field-verify_code', 'change', { code: '654321' });
    expect(form(page).verify_code).toBe('654321');
  });

  it('imports what the recruiting system has for the verified phone into the empty fields, and submits without a second code', async () => {
    draftOf({ ...completeForm(), real_name: '', nation: '', employee_edu: [], verify_code: '' });
    jest.mocked(prefillEmployee).mockResolvedValue({
      real_name: '王强', phone: '13912345678', id_number: '110101199407210011', age: 31, gender: 1, nation: '汉族', work_pos: '普工',
      employee_edu: [{ school: '郑州大学', major: '机械工程', edu_type: 'bachelor', start_date: '2013-09', end_date: '2017-06' }],
      work_exp: [], offer: { position: '普工', entry_date: '2026-04-01', salary: '6500.00' },
    });
    jest.mocked(createEmployee).mockResolvedValue(null);
    const page = await openForm();
    await openSection(page, 7);
    expect(page.querySelector('#prefill')).toBeFalsy();
    await fire(page, '#field-verify_code', 'change', { code: '654321' });
    await fire(page, '#prefill', 'click');
    expect(prefillEmployee).toHaveBeenCalledWith({ phone: form(page).phone, verify_code: '654321' });
    // Only the empty fields: the ID number the worker typed stays.
    expect(form(page)).toMatchObject({ real_name: '王强', nation: '汉族', id_number: completeForm().id_number, employee_edu: [expect.objectContaining({ school: '郑州大学' })] });
    expect(text(page, '#no-code-needed')).toBe('手机号已通过短信验证。');
    await fire(page, '#submit-button', 'click');
    expect(jest.mocked(createEmployee).mock.calls[0][0]).not.toHaveProperty('verify_code');
  });

  it('goes on without an import when the recruiting system does not know the phone', async () => {
    // Something still missing, so the form opens at the first section rather than at the phone.
    draftOf({ ...completeForm(), real_name: '', verify_code: '' });
    jest.mocked(prefillEmployee).mockRejectedValue(new ApiError(13007, 404, '没有该手机号的预填简历'));
    const page = await openForm();
    await openSection(page, 7);
    await fire(page, '#field-verify_code', 'change', { code: '654321' });
    await fire(page, '#prefill', 'click');
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '招聘系统里没有这个手机号的信息，请继续填写' }));
    expect(showError).not.toHaveBeenCalled();
    expect(text(page, '#no-code-needed')).toBe('手机号已通过短信验证。');
  });

  it('goes from a line of the summary to the first missing field of that section', async () => {
    const page = await openForm();
    await fire(page, '#missing-3', 'tap');
    expect(page.data.openSection).toBe(3);
    expect(wx.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#field-id_card_front' }));
  });

  it('opens the history row the server refused', async () => {
    draftOf(completeForm());
    jest.mocked(createEmployee).mockRejectedValue(new ApiError(10001, 400, 'employee_edu[0].edu_type: 应为字典 Edu_Type 中的 dict_key'));
    const page = await openForm();
    await fire(page, '#submit-button', 'click');
    expect(page.data.openSection).toBe(4);
    expect(page.data.openRows.employee_edu).toBe(0);
    expect(text(page, '#list-employee_edu')).toContain('应为字典 Edu_Type 中的 dict_key');
  });

  it('starts over from an empty form when the worker discards the draft', async () => {
    draftOf({ real_name: '王小明' });
    jest.spyOn(wx, 'showModal').mockImplementation(((options: WechatMiniprogram.ShowModalOption) => {
      options.success?.({ confirm: true, cancel: false, content: '', errMsg: 'showModal:ok' });
    }) as never);
    const page = await openForm();
    await fire(page, '#discard-draft', 'tap');
    expect(form(page).real_name).toBe('');
    expect(storage.has(DRAFT_KEY)).toBe(false);
    expect(page.querySelector('#restored')).toBeFalsy();
  });

  it('puts a taken phone number (no field in the message) on the phone field', async () => {
    draftOf(completeForm());
    jest.mocked(createEmployee).mockRejectedValue(new ApiError(13003, 409, '该手机号已被其他简历使用'));
    const page = await openForm();
    await fire(page, '#submit-button', 'click');
    expect(text(page, '#field-phone')).toContain('该手机号已被其他简历使用');
  });
});

describe('an edit', () => {
  it('after a rejection: the reason, the resume with the draft laid over it, PUT without a code for the same phone', async () => {
    jest.mocked(getEmployee).mockResolvedValue(submittedResume(4));
    jest.mocked(updateEmployee).mockResolvedValue(null);
    draftOf({ real_name: '王晓明' });
    const page = await openForm();
    expect(text(page, '#notice')).toContain('身份证照片不清楚');
    expect(text(page, '#submit-button')).toBe('修改后重新提交');
    expect(form(page)).toMatchObject({ real_name: '王晓明', work_pos: '普工', id_card_front: submittedResume(4).id_card_front });

    await openSection(page, 7);
    expect(page.querySelector('#no-code-needed')).toBeTruthy();
    await fire(page, '#submit-button', 'click');
    expect(updateEmployee).toHaveBeenCalledWith(expect.objectContaining({ real_name: '王晓明' }));
    expect(jest.mocked(updateEmployee).mock.calls[0][0]).not.toHaveProperty('verify_code');
  });

  it('asks for an SMS code when the phone changes', async () => {
    jest.mocked(getEmployee).mockResolvedValue(submittedResume(1));
    const page = await openForm();
    expect(text(page, '#submit-button')).toBe('保存修改');
    await openSection(page, 7);
    await fire(page, '#field-phone', 'change', '13700001111');
    expect(page.querySelector('#no-code-needed')).toBeFalsy();
    expect(page.querySelector('#field-verify_code')).toBeTruthy();
    await fire(page, '#submit-button', 'click');
    expect(updateEmployee).not.toHaveBeenCalled();
    expect(text(page, '#section-7')).toContain('还差 1 项');
  });

  it('is closed while the contract waits for a signature, with a way back', async () => {
    jest.mocked(getEmployee).mockResolvedValue(submittedResume(2));
    draftOf({ real_name: '王晓明' });
    const page = await openForm();
    expect(page.data.phase).toBe('closed');
    expect(text(page, '#closed')).toContain('简历不能再修改');
    expect(text(page, '#closed')).toContain('待签约');
    expect(page.querySelector('#field-real_name')).toBeFalsy();
    expect(storage.has(DRAFT_KEY)).toBe(false);
    await fire(page, '#home-button', 'click');
    expect(wx.reLaunch).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/home/index' }));
  });

  it('offers to try again when the resume cannot be loaded', async () => {
    jest.mocked(getEmployee).mockRejectedValueOnce(new Error('request:fail timeout'));
    const page = await openForm();
    expect(text(page, '#load-failed')).toContain('重新加载');
    await fire(page, '#reload-button', 'click');
    expect(page.data.phase).toBe('editing');
  });
});
