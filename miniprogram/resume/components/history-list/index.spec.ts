import path from 'node:path';
import simulate from 'miniprogram-simulate';
import type { ListField } from './index';

const root = path.join(__dirname, '../../..');
const list = simulate.load(path.join(__dirname, 'index'), {
  rootPath: root,
  usingComponents: { 'van-field': path.relative(__dirname, path.join(root, 'test/stubs/van-field/index')) },
});

type List = ReturnType<typeof simulate.render>;

const FIELDS: ListField[] = [
  { name: 'school', label: '学校', kind: 'text', maxlength: 64, required: true },
  { name: 'major', label: '专业', kind: 'text', maxlength: 64, required: true },
  { name: 'edu_type', label: '学历', kind: 'select', required: true },
  { name: 'start_date', label: '入学年月', kind: 'month', required: true },
  { name: 'end_date', label: '毕业年月', kind: 'month', required: true, future: true, hint: '还没毕业的，选预计毕业的年月' },
];
const OPTIONS = [{ dict_key: 'senior', dict_value: '高中' }, { dict_key: 'bachelor', dict_value: '本科' }];
const ROW = { school: '郑州大学', major: '机械工程', edu_type: 'bachelor', start_date: '2013-09', end_date: '2017-06' };
const EMPTY = { school: '', major: '', edu_type: '', start_date: '', end_date: '' };

async function render(props: Record<string, unknown>): Promise<{ list: List; events: Record<string, jest.Mock> }> {
  const component = simulate.render(list, { name: 'employee_edu', itemName: '教育经历', fields: FIELDS, options: OPTIONS, max: 2, openRow: -1, errors: [], ...props });
  const events: Record<string, jest.Mock> = {};
  for (const name of ['change', 'blur', 'toggle', 'add', 'remove']) {
    events[name] = jest.fn();
    component.addEventListener(name, events[name]);
  }
  component.attach(document.createElement('parent-wrapper'));
  await simulate.sleep(0);
  return { list: component, events };
}

async function fire(component: List, selector: string, event: string, detail?: unknown): Promise<void> {
  component.querySelector(selector)!.dispatchEvent(event, { detail });
  await simulate.sleep(0);
}

const detailOf = (mock: jest.Mock) => mock.mock.calls[0][0].detail;

beforeEach(() => jest.clearAllMocks());

it('shows closed rows as one-line summaries with what is still missing', async () => {
  const { list: component } = await render({ rows: [ROW, EMPTY], errors: [{}, { school: '不能为空', major: '不能为空' }] });
  const text = component.dom!.textContent!;
  expect(text).toContain('第 1 段教育经历');
  expect(text).toContain('郑州大学 · 机械工程 · 本科 · 2013-09 至 2017-06');
  expect(text).toContain('还没有填写');
  expect(text).toContain('还差 2 项');
  expect(component.querySelector('#school-0')).toBeFalsy();
});

it('shows the open row’s fields with their messages and reports typing and leaving', async () => {
  const { list: component, events } = await render({ rows: [EMPTY], openRow: 0, errors: [{ school: '不能为空' }] });
  expect(component.querySelector('#school-0')!.dom!.textContent).toContain('不能为空');
  expect(component.dom!.textContent).toContain('还没毕业的，选预计毕业的年月');
  await fire(component, '#school-0', 'change', '郑州一中');
  expect(detailOf(events.change)).toEqual({ list: 'employee_edu', index: 0, field: 'school', value: '郑州一中' });
  await fire(component, '#school-0', 'blur');
  expect(detailOf(events.blur)).toEqual({ list: 'employee_edu', index: 0, field: 'school' });
});

it('stores the dictionary key of a picked option and the picked month', async () => {
  const { list: component, events } = await render({ rows: [EMPTY], openRow: 0 });
  await fire(component, '#pick-edu_type-0', 'change', { value: 1 });
  expect(detailOf(events.change)).toMatchObject({ field: 'edu_type', value: 'bachelor' });
  events.change.mockClear();
  await fire(component, '#pick-start_date-0', 'change', { value: '2013-09' });
  expect(detailOf(events.change)).toMatchObject({ field: 'start_date', value: '2013-09' });
});

it('asks before removing a row, and offers to add one until the limit', async () => {
  const showModal = jest.spyOn(wx, 'showModal').mockImplementation(((options: WechatMiniprogram.ShowModalOption) => {
    options.success?.({ confirm: true, cancel: false, content: '', errMsg: 'showModal:ok' });
  }) as never);
  const { list: component, events } = await render({ rows: [ROW], openRow: 0 });
  expect(component.querySelector('#remove-0')).toBeFalsy();
  await fire(component, '#add', 'click');
  expect(events.add).toHaveBeenCalled();

  component.setData({ rows: [ROW, EMPTY] });
  await simulate.sleep(0);
  expect(component.querySelector('#add')).toBeFalsy();
  expect(component.dom!.textContent).toContain('最多可以填写 2 段');
  await fire(component, '#remove-0', 'click');
  expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '删除这一段？' }));
  expect(detailOf(events.remove)).toEqual({ list: 'employee_edu', index: 0 });
});

it('reports a tap on a row’s header to open or close it', async () => {
  const { list: component, events } = await render({ rows: [ROW, ROW] });
  await fire(component, '#head-1', 'tap');
  expect(detailOf(events.toggle)).toEqual({ list: 'employee_edu', index: 1 });
});
