import type { CompanyRef, DictEntry, EmployeeResponse, HandlerRef } from '@shanqian/shared';
import { getCompanies, getDict, getHandlers, getWorkPositions } from '../../../services/catalog';
import { createEmployee, getEmployee, prefillEmployee, updateEmployee } from '../../../services/employee';
import { ApiError } from '../../../services/request';
import { showError } from '../../../utils/feedback';
import { checkIdNumberAsTyped } from '../../../utils/id-number';
import {
  EDUCATION_FIELDS,
  EDUCATION_ROWS,
  emptyEducation,
  emptyForm,
  emptyWork,
  fieldOfServerError,
  formFromEmployee,
  GENDER_NAMES,
  inputOf,
  isMobile,
  missingSummary,
  PREFILL_NOT_FOUND,
  prefillPatch,
  SECTIONS,
  sectionOf,
  sectionStates,
  toEmployeeRequest,
  validateResume,
  WORK_FIELDS,
  WORK_ROWS,
} from '../../../utils/resume-rules';
import type { FieldErrors, FormKey, MissingSummary, RegionPick, ResumeForm, SectionState, ValidationContext } from '../../../utils/resume-rules';
import type { ListField } from '../../components/history-list/index';
import { clearDraft, loadDraft, saveDraft } from './draft';

/*
 * The resume form, in eight sections a worker can finish one at a time. Everything typed is kept as
 * a draft on the phone until the server accepts the resume; an edit loads the submitted resume and
 * lays the draft over it. Problems are shown on their field: as the worker leaves a field, all of
 * them once submitting was tried, and the one the server names after a refused submission.
 */

/** Statuses of the application (SignApplicationStatus; shared enums are types only here). */
const APPLIED = 1;
const PENDING_SIGNATURE = 2;
const SIGNED = 3;
const REJECTED = 4;
/** The server's codes the page acts on (ErrorCode). */
const EMPLOYEE_NOT_FOUND = 13002;
const APPLICATION_LOCKED = 13005;

/** Why editing is closed, per status. */
const CLOSED_TEXT: Record<number, string> = {
  [PENDING_SIGNATURE]: '你的签约申请已通过审核，正在等待签约（待签约），简历不能再修改。如有信息需要更正，请联系对接的 HR。',
  [SIGNED]: '合同已经签署（已签约），简历不能再修改。如有信息需要更正，请联系对接的 HR。',
};

/** Typing is saved to the phone this long after the last keystroke. */
const DRAFT_DELAY_MS = 400;

type Lists = 'employee_edu' | 'work_exp';

interface Options {
  nation: DictEntry[];
  marital: DictEntry[];
  political: DictEntry[];
  acctType: DictEntry[];
  relationship: DictEntry[];
  eduType: DictEntry[];
  companies: CompanyRef[];
  positions: string[];
  handlers: HandlerRef[];
}

type PickField = 'nation' | 'marital_sts' | 'political_sts' | 'acct_type' | 'em_contact_relationship' | 'company_id' | 'work_pos' | 'ad_user_id';

/** Where each picker's options come from, which property is stored, and which is shown (none: the option is a string). */
const PICKS: Record<PickField, { list: keyof Options; value?: string; label?: string }> = {
  nation: { list: 'nation', value: 'dict_value', label: 'dict_value' },
  marital_sts: { list: 'marital', value: 'dict_key', label: 'dict_value' },
  political_sts: { list: 'political', value: 'dict_key', label: 'dict_value' },
  acct_type: { list: 'acctType', value: 'dict_key', label: 'dict_value' },
  em_contact_relationship: { list: 'relationship', value: 'dict_value', label: 'dict_value' },
  company_id: { list: 'companies', value: 'id', label: 'company_name' },
  work_pos: { list: 'positions' },
  ad_user_id: { list: 'handlers', value: 'id', label: 'name' },
};

const EDUCATION_LIST: ListField[] = [
  { name: 'school', label: '学校', kind: 'text', maxlength: EDUCATION_FIELDS.school.max, placeholder: '如：郑州市第一中学', required: true },
  { name: 'major', label: '专业', kind: 'text', maxlength: EDUCATION_FIELDS.major.max, placeholder: '没有专业可填“无”', required: true },
  { name: 'edu_type', label: '学历', kind: 'select', required: true },
  { name: 'start_date', label: '入学年月', kind: 'month', required: true },
  { name: 'end_date', label: '毕业年月', kind: 'month', required: true, future: true, hint: '还没毕业的，选预计毕业的年月' },
];

const WORK_LIST: ListField[] = [
  { name: 'company_name', label: '单位名称', kind: 'text', maxlength: WORK_FIELDS.company_name.max, placeholder: '如：某某电子厂', required: true },
  { name: 'position', label: '职位', kind: 'text', maxlength: WORK_FIELDS.position.max, placeholder: '如：普工、质检员', required: true },
  { name: 'start_date', label: '开始年月', kind: 'month', required: true },
  { name: 'end_date', label: '结束年月', kind: 'month', required: true, hint: '现在还在做的，选这个月' },
  { name: 'description', label: '工作内容', kind: 'textarea', maxlength: WORK_FIELDS.description.max, placeholder: '选填：做什么、用过什么设备' },
];

interface SectionView {
  title: string;
  state: SectionState;
  stateText: string;
  /** The next section's title, for the button at the bottom. */
  next: string;
}

/** What the page shows that follows from the form: messages, section states, labels of choices. */
interface Derived {
  errors: FieldErrors;
  rowErrors: Record<Lists, FieldErrors[]>;
  listErrors: Record<Lists, string>;
  regionErrors: Record<'acct_region' | 'region', string>;
  regionText: Record<'acct_region' | 'region', string>;
  sections: SectionView[];
  doneCount: number;
  missing: MissingSummary[];
  idHint: string;
  age: string;
  genderName: string;
  picked: Record<PickField, { index: number; label: string }>;
  needsVerifyCode: boolean;
  /** A new resume with a phone and a code typed: the recruiting system's data may be fetched with them. */
  canPrefill: boolean;
  /** Why no SMS code is asked for, when none is. */
  noCodeText: string;
}

type Data = Derived & {
  phase: 'loading' | 'failed' | 'closed' | 'editing';
  closedText: string;
  /** The application's situation, above the form (under review, rejected with the reason …). */
  notice: string;
  restored: boolean;
  form: ResumeForm;
  openSection: number;
  openRows: Record<Lists, number>;
  options: Options;
  catalogState: 'loading' | 'ready' | 'failed';
  submitting: boolean;
  prefilling: boolean;
  submitText: string;
  educationList: ListField[];
  workList: ListField[];
  limits: { education: number; work: number };
  /** The region picker's value while nothing is picked. */
  noRegion: string[];
};

interface Custom {
  today: Date;
  mode: 'create' | 'edit';
  /** The phone of the submitted resume: an edit that keeps it needs no SMS code. */
  originalPhone: string;
  /** A phone the prefill's SMS code proved: the server takes the resume with it without a second code. */
  provenPhone: string;
  /** The form as loaded (server or empty), to start over from. */
  base: ResumeForm;
  /** Form keys the worker changed: what the draft holds. */
  dirty: Set<FormKey>;
  /** Inputs the worker has been through: their problems are shown before submitting. */
  touched: Set<string>;
  /** Whether submitting was tried: from then on every problem is shown. */
  submitted: boolean;
  /** The problem the server named on the last submission, until its input changes. */
  serverErrors: FieldErrors;
  draftTimer: ReturnType<typeof setTimeout> | null;
}

type Methods = {
  load(): Promise<void>;
  loadCatalog(): Promise<void>;
  validationContext(form: ResumeForm): ValidationContext;
  derive(form: ResumeForm): Derived;
  update(patch: Partial<ResumeForm>, input: string): void;
  scheduleDraft(): void;
  flushDraft(): void;
  goToField(field: string): void;
  /** Vant's field answers the text itself as the event's detail. */
  onField(event: WechatMiniprogram.BaseEvent & { detail: string }): void;
  onBlur(event: WechatMiniprogram.BaseEvent): void;
  onPick(event: WechatMiniprogram.PickerChange): void;
  onRegion(event: WechatMiniprogram.PickerChange): void;
  onPhoto(event: WechatMiniprogram.CustomEvent<{ url: string }>): void;
  onCode(event: WechatMiniprogram.CustomEvent<{ code: string }>): void;
  onPrefill(): Promise<void>;
  onRowChange(event: WechatMiniprogram.CustomEvent<{ list: Lists; index: number; field: string; value: string }>): void;
  onRowBlur(event: WechatMiniprogram.CustomEvent<{ list: Lists; index: number; field: string }>): void;
  onRowToggle(event: WechatMiniprogram.CustomEvent<{ list: Lists; index: number }>): void;
  onRowAdd(event: WechatMiniprogram.CustomEvent<{ list: Lists }>): void;
  onRowRemove(event: WechatMiniprogram.CustomEvent<{ list: Lists; index: number }>): void;
  onToggleSection(event: WechatMiniprogram.CustomEvent<{ index: number }>): void;
  onNextSection(event: WechatMiniprogram.CustomEvent<{ index: number }>): void;
  onMissingTap(event: WechatMiniprogram.BaseEvent): void;
  onDiscardDraft(): void;
  onSubmit(): Promise<void>;
  goHome(): void;
};

const STATE_TEXT: Record<SectionState, string> = { todo: '', done: '已完成', optional: '选填' };
const LISTS: Lists[] = ['employee_edu', 'work_exp'];
const NEW_ROW: Record<Lists, () => object> = { employee_edu: emptyEducation, work_exp: emptyWork };

const emptyOptions = (): Options => ({
  nation: [], marital: [], political: [], acctType: [], relationship: [], eduType: [], companies: [], positions: [], handlers: [],
});

const regionText = (pick: RegionPick | null) => (pick ? pick.names.filter(Boolean).join(' ') : '');

/** The notice above the form and the submit button's words, by the application's status. */
function situation(employee: EmployeeResponse | null): { notice: string; submitText: string } {
  if (!employee) return { notice: '', submitText: '提交简历' };
  if (employee.status === APPLIED) return { notice: '简历正在审核中。修改后保存，HR 会看到新的内容。', submitText: '保存修改' };
  if (employee.status === REJECTED) return { notice: `简历未通过审核：${employee.reason || '未说明原因'}。请按要求修改后重新提交。`, submitText: '修改后重新提交' };
  return { notice: '签约申请已取消。确认信息无误后可以重新提交申请。', submitText: '修改后重新提交' };
}

Component<Data, Record<string, never>, Methods, [], Custom, true>({
  options: { styleIsolation: 'apply-shared' },
  data: {
    phase: 'loading',
    closedText: '',
    notice: '',
    restored: false,
    form: emptyForm(),
    openSection: 0,
    openRows: { employee_edu: 0, work_exp: 0 },
    options: emptyOptions(),
    catalogState: 'loading',
    submitting: false,
    submitText: '提交简历',
    educationList: EDUCATION_LIST,
    workList: WORK_LIST,
    limits: { education: EDUCATION_ROWS.max, work: WORK_ROWS.max },
    noRegion: [],
    errors: {},
    rowErrors: { employee_edu: [], work_exp: [] },
    listErrors: { employee_edu: '', work_exp: '' },
    regionErrors: { acct_region: '', region: '' },
    regionText: { acct_region: '', region: '' },
    sections: [],
    doneCount: 0,
    missing: [],
    idHint: '',
    age: '',
    genderName: '',
    picked: {} as Derived['picked'],
    needsVerifyCode: true,
    canPrefill: false,
    noCodeText: '',
    prefilling: false,
  },
  methods: {
    onLoad() {
      this.today = new Date();
      this.mode = 'create';
      this.originalPhone = '';
      this.provenPhone = '';
      this.base = emptyForm();
      this.dirty = new Set();
      this.touched = new Set();
      this.submitted = false;
      this.serverErrors = {};
      this.draftTimer = null;
      void this.load();
      void this.loadCatalog();
    },

    onHide() {
      this.flushDraft();
    },

    onUnload() {
      this.flushDraft();
    },

    async load() {
      this.setData({ phase: 'loading' });
      let employee: EmployeeResponse | null = null;
      try {
        employee = await getEmployee();
      } catch (error) {
        if (!(error instanceof ApiError && error.status === EMPLOYEE_NOT_FOUND)) {
          this.setData({ phase: 'failed' });
          return;
        }
      }
      if (employee && CLOSED_TEXT[employee.status]) {
        // Nothing can change any more: a draft would only come back to confuse.
        clearDraft();
        this.setData({ phase: 'closed', closedText: CLOSED_TEXT[employee.status] });
        return;
      }
      this.mode = employee ? 'edit' : 'create';
      this.originalPhone = employee?.phone ?? '';
      this.base = employee ? formFromEmployee(employee) : emptyForm();
      const draft = loadDraft();
      this.dirty = new Set(Object.keys(draft) as FormKey[]);
      const form: ResumeForm = { ...this.base, ...draft };
      const derived = this.derive(form);
      const firstTodo = derived.sections.findIndex((section) => section.state === 'todo');
      this.setData({
        ...situation(employee),
        ...derived,
        phase: 'editing',
        form,
        restored: this.dirty.size > 0,
        openSection: firstTodo,
        // A submitted resume opens with its rows closed, as summaries; a new one with the first row ready to type in.
        openRows: employee ? { employee_edu: -1, work_exp: -1 } : { employee_edu: 0, work_exp: 0 },
      });
    },

    async loadCatalog() {
      this.setData({ catalogState: 'loading' });
      try {
        const [nation, marital, political, acctType, relationship, eduType, companies, positions, handlers] = await Promise.all([
          getDict('Nation'), getDict('Marital_Sts'), getDict('Political_Sts'), getDict('Acct_Type'), getDict('Relationship'),
          getDict('Edu_Type'), getCompanies(), getWorkPositions(), getHandlers(),
        ]);
        this.setData({ options: { nation, marital, political, acctType, relationship, eduType, companies, positions, handlers }, catalogState: 'ready' });
        this.setData(this.derive(this.data.form));
      } catch {
        // The banner offers to try again; the rest of the form stays usable meanwhile.
        this.setData({ catalogState: 'failed' });
      }
    },

    validationContext(form) {
      const phone = form.phone.trim();
      const proven = this.provenPhone !== '' && phone === this.provenPhone;
      return { today: this.today, needsVerifyCode: (this.mode === 'create' || phone !== this.originalPhone) && !proven };
    },

    derive(form) {
      const context = this.validationContext(form);
      const all = validateResume(form, context);
      const idCheck = checkIdNumberAsTyped(form.id_number, this.today);
      const errors: FieldErrors = {};
      for (const [field, message] of Object.entries(all)) {
        const input = inputOf(field);
        // Age and gender follow from a complete ID number: their problems show at once.
        const live = input === 'id_number' && idCheck.state === 'valid';
        if (this.submitted || this.touched.has(input) || live) errors[field] = message;
      }
      if (idCheck.state === 'invalid') errors.id_number = idCheck.message;
      Object.assign(errors, this.serverErrors);

      const rowErrors = { employee_edu: form.employee_edu.map(() => ({})), work_exp: form.work_exp.map(() => ({})) } as Record<Lists, FieldErrors[]>;
      for (const [field, message] of Object.entries(errors)) {
        const row = /^(employee_edu|work_exp)\[(\d+)\]\.(\w+)$/.exec(field);
        if (row && rowErrors[row[1] as Lists][Number(row[2])]) rowErrors[row[1] as Lists][Number(row[2])][row[3]] = message;
      }

      const states = sectionStates(form, all);
      const sections = SECTIONS.map((section, i): SectionView => ({
        title: section.title,
        state: states[i].state,
        stateText: states[i].state === 'todo' ? `还差 ${states[i].problems} 项` : STATE_TEXT[states[i].state],
        next: SECTIONS[i + 1]?.title ?? '',
      }));

      const picked = {} as Derived['picked'];
      for (const [field, pick] of Object.entries(PICKS) as [PickField, (typeof PICKS)[PickField]][]) {
        const list = this.data.options[pick.list] as unknown[];
        const index = list.findIndex((option) => (pick.value ? (option as Record<string, unknown>)[pick.value] : option) === form[field]);
        const option = list[index];
        picked[field] = { index: Math.max(index, 0), label: option === undefined ? '' : String(pick.label ? (option as Record<string, unknown>)[pick.label] : option) };
      }

      const facts = idCheck.state === 'valid' ? idCheck.facts : null;
      return {
        errors,
        rowErrors,
        listErrors: { employee_edu: errors.employee_edu ?? '', work_exp: errors.work_exp ?? '' },
        regionErrors: {
          acct_region: errors.acct_prc_name ?? errors.acct_city_name ?? errors.acct_coy_name ?? errors.acct_prc_id ?? errors.acct_city_id ?? errors.acct_coy_id ?? '',
          region: errors.province_name ?? errors.city_name ?? errors.county_name ?? errors.province_id ?? errors.city_id ?? errors.county_id ?? '',
        },
        regionText: { acct_region: regionText(form.acct_region), region: regionText(form.region) },
        sections,
        doneCount: states.filter((s) => s.state !== 'todo').length,
        missing: missingSummary(all),
        idHint: idCheck.state === 'typing' ? `还差 ${idCheck.remaining} 位` : facts ? `出生日期 ${facts.birthDate}` : '',
        age: facts ? String(facts.age) : '',
        genderName: facts ? GENDER_NAMES[facts.gender] : '',
        picked,
        needsVerifyCode: context.needsVerifyCode,
        canPrefill: this.mode === 'create' && context.needsVerifyCode && isMobile(form.phone) && /^\d{6}$/.test(form.verify_code.trim()),
        noCodeText: this.provenPhone && form.phone.trim() === this.provenPhone ? '手机号已通过短信验证。' : '手机号没有改动，不需要短信验证。',
      };
    },

    /** Applies what the worker changed through one input, saves the draft soon, and shows what follows. */
    update(patch, input) {
      const form: ResumeForm = { ...this.data.form, ...patch };
      for (const key of Object.keys(patch) as FormKey[]) {
        // An SMS code lasts minutes: not worth keeping.
        if (key !== 'verify_code') this.dirty.add(key);
      }
      for (const field of Object.keys(this.serverErrors)) {
        if (inputOf(field) === input || inputOf(field).startsWith(`${input}[`)) delete this.serverErrors[field];
      }
      const changes: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(patch)) changes[`form.${key}`] = value;
      this.setData({ ...changes, ...this.derive(form) });
      this.scheduleDraft();
    },

    scheduleDraft() {
      if (this.draftTimer) clearTimeout(this.draftTimer);
      this.draftTimer = setTimeout(() => this.flushDraft(), DRAFT_DELAY_MS);
    },

    flushDraft() {
      if (this.draftTimer) clearTimeout(this.draftTimer);
      this.draftTimer = null;
      if (this.data.phase !== 'editing' || !this.dirty.size) return;
      const fields: Partial<ResumeForm> = {};
      for (const key of this.dirty) (fields as Record<string, unknown>)[key] = this.data.form[key];
      saveDraft(fields);
    },

    /** Opens the section (and history row) of a field and scrolls to it. */
    goToField(field) {
      const section = sectionOf(field);
      if (section < 0) return;
      const row = /^(employee_edu|work_exp)\[(\d+)\]/.exec(field);
      const input = inputOf(field);
      // Fields inside the history lists and the SMS box live in components: the section is the anchor there.
      const anchor = row || LISTS.includes(input as Lists) || input === 'verify_code' ? `#section-${section}` : `#field-${input}`;
      this.setData({ openSection: section, ...(row ? { [`openRows.${row[1]}`]: Number(row[2]) } : {}) }, () => {
        wx.pageScrollTo({ selector: anchor, offsetTop: -24, duration: 300 });
      });
    },

    onField(event) {
      const field = event.currentTarget.dataset.field as FormKey;
      const value = field === 'id_number' ? event.detail.toUpperCase() : event.detail;
      this.update({ [field]: value }, field);
    },

    onBlur(event) {
      this.touched.add(event.currentTarget.dataset.field as string);
      this.setData(this.derive(this.data.form));
    },

    onPick(event) {
      const field = event.currentTarget.dataset.field as PickField;
      const pick = PICKS[field];
      const option = (this.data.options[pick.list] as unknown[])[Number(event.detail.value)];
      if (option === undefined) return;
      this.touched.add(field);
      this.update({ [field]: pick.value ? (option as Record<string, unknown>)[pick.value] : option }, field);
    },

    onRegion(event) {
      const field = event.currentTarget.dataset.field as 'acct_region' | 'region';
      // The region picker answers names in `value` and their codes in `code`.
      const { value, code } = event.detail as unknown as { value: string[]; code?: string[] };
      this.touched.add(field);
      this.update({ [field]: { codes: code ?? [], names: value } }, field);
    },

    onPhoto(event) {
      const field = event.currentTarget.dataset.field as 'id_card_front' | 'id_card_back';
      this.touched.add(field);
      this.update({ [field]: event.detail.url }, field);
    },

    onCode(event) {
      this.update({ verify_code: event.detail.code }, 'verify_code');
    },

    /**
     * Fills the empty fields from what the company's recruiting system (Moka) sent for this phone.
     * The code is spent either way, and proves the phone for the submission that follows.
     */
    async onPrefill() {
      if (this.data.prefilling) return;
      const { phone, verify_code: code } = this.data.form;
      this.setData({ prefilling: true });
      try {
        const prefill = await prefillEmployee({ phone: phone.trim(), verify_code: code.trim() });
        this.provenPhone = phone.trim();
        this.update({ ...prefillPatch(this.data.form, prefill), verify_code: '' }, 'verify_code');
        wx.showToast({ title: '已导入，请逐项核对', icon: 'success' });
      } catch (error) {
        if (error instanceof ApiError && error.status === PREFILL_NOT_FOUND) {
          this.provenPhone = phone.trim();
          this.update({ verify_code: '' }, 'verify_code');
          wx.showToast({ title: '招聘系统里没有这个手机号的信息，请继续填写', icon: 'none' });
        } else {
          showError(error);
        }
      } finally {
        this.setData({ prefilling: false });
      }
    },

    onRowChange(event) {
      const { list, index, field, value } = event.detail;
      const rows = this.data.form[list].map((row, i) => (i === index ? { ...row, [field]: value } : row));
      this.update({ [list]: rows }, `${list}[${index}].${field}`);
    },

    onRowBlur(event) {
      const { list, index, field } = event.detail;
      this.touched.add(`${list}[${index}].${field}`);
      this.setData(this.derive(this.data.form));
    },

    onRowToggle(event) {
      const { list, index } = event.detail;
      this.setData({ [`openRows.${list}`]: this.data.openRows[list] === index ? -1 : index });
    },

    onRowAdd(event) {
      const { list } = event.detail;
      const rows = [...this.data.form[list], NEW_ROW[list]()];
      this.update({ [list]: rows }, list);
      this.setData({ [`openRows.${list}`]: rows.length - 1 });
    },

    onRowRemove(event) {
      const { list, index } = event.detail;
      // Rows after the removed one move up: what was touched or refused about them no longer lines up.
      for (const key of [...this.touched]) if (key.startsWith(`${list}[`)) this.touched.delete(key);
      this.touched.add(list);
      this.update({ [list]: this.data.form[list].filter((_, i) => i !== index) }, list);
      this.setData({ [`openRows.${list}`]: -1 });
    },

    onToggleSection(event) {
      const { index } = event.detail;
      this.setData({ openSection: this.data.openSection === index ? -1 : index }, () => {
        if (this.data.openSection === index) wx.pageScrollTo({ selector: `#section-${index}`, offsetTop: -8, duration: 200 });
      });
    },

    onNextSection(event) {
      const next = event.detail.index + 1;
      this.setData({ openSection: next < SECTIONS.length ? next : -1 }, () => {
        wx.pageScrollTo({ selector: next < SECTIONS.length ? `#section-${next}` : '#submit', offsetTop: -8, duration: 200 });
      });
    },

    onMissingTap(event) {
      const section = Number(event.currentTarget.dataset.section);
      const all = validateResume(this.data.form, this.validationContext(this.data.form));
      const first = Object.keys(all).find((field) => sectionOf(field) === section);
      if (first) this.goToField(first);
    },

    onDiscardDraft() {
      wx.showModal({
        title: '清空未提交的内容？',
        content: this.mode === 'edit' ? '表单会恢复为上次提交的简历。' : '已填写的内容会全部清空。',
        confirmText: '清空',
        confirmColor: '#ee0a24',
        success: ({ confirm }) => {
          if (!confirm) return;
          clearDraft();
          this.dirty.clear();
          this.touched.clear();
          this.submitted = false;
          this.serverErrors = {};
          const form = { ...this.base };
          this.setData({ form, restored: false, ...this.derive(form) });
        },
      });
    },

    async onSubmit() {
      if (this.data.submitting) return;
      this.submitted = true;
      const { form } = this.data;
      const context = this.validationContext(form);
      const problems = Object.keys(validateResume(form, context));
      this.setData(this.derive(form));
      if (problems.length) {
        wx.showToast({ title: `还有 ${problems.length} 项需要填写或修改`, icon: 'none' });
        this.goToField(problems[0]);
        return;
      }
      this.setData({ submitting: true });
      try {
        const body = toEmployeeRequest(form, context);
        await (this.mode === 'create' ? createEmployee(body) : updateEmployee(body));
        if (this.draftTimer) clearTimeout(this.draftTimer);
        this.dirty.clear();
        clearDraft();
        wx.showModal({
          title: '提交成功',
          content: '简历已提交，请等待 HR 审核，结果会显示在首页。',
          showCancel: false,
          confirmText: '回到首页',
          success: () => this.goHome(),
        });
      } catch (error) {
        if (error instanceof ApiError && error.status === APPLICATION_LOCKED) {
          clearDraft();
          this.setData({ phase: 'closed', closedText: error.message });
        } else if (error instanceof ApiError) {
          const field = fieldOfServerError(error);
          if (field && sectionOf(field) >= 0) {
            this.serverErrors = { [field]: error.message };
            this.setData(this.derive(form));
            this.goToField(field);
          }
        }
        showError(error);
      } finally {
        this.setData({ submitting: false });
      }
    },

    goHome() {
      wx.reLaunch({ url: '/pages/home/index' });
    },
  },
});
