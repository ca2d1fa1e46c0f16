import { DictItem, type DictCreateRequest, type DictRow, type DictUpdateRequest } from '@shanqian/shared';
import { AutoComplete, Form, Input, InputNumber } from 'antd';
import { useState } from 'react';
import { CatalogTable, duplicateUnder, saveRecord } from './catalog-table';

const RESOURCE = '/admin/dicts';

/** What the mini-program's resume form calls each dictionary. */
const DICT_ITEM_LABELS: Record<DictItem, string> = {
  [DictItem.EduType]: '学历',
  [DictItem.Nation]: '民族',
  [DictItem.MaritalStatus]: '婚姻状况',
  [DictItem.PoliticalStatus]: '政治面貌',
  [DictItem.HouseholdType]: '户口性质',
  [DictItem.Gender]: '性别',
  [DictItem.Relationship]: '与本人关系',
};

const DICT_ITEM_OPTIONS = Object.values(DictItem).map((item) => ({ value: item, label: `${DICT_ITEM_LABELS[item]}（${item}）` }));

const dictItemLabel = (item: string): string => (item in DICT_ITEM_LABELS ? `${DICT_ITEM_LABELS[item as DictItem]}（${item}）` : item);

/** A known dictionary picked from the list, or a new one typed; applied when picked, on Enter or on leaving the box. */
function DictItemFilter({ value, onChange }: { value: string | undefined; onChange: (value: string | undefined) => void }) {
  const [text, setText] = useState(value ?? '');
  const apply = (next: string) => {
    const item = next.trim() || undefined;
    if (item !== value) onChange(item);
  };
  return (
    <AutoComplete
      aria-label="字典"
      placeholder="全部字典"
      allowClear
      style={{ width: 220 }}
      options={DICT_ITEM_OPTIONS}
      value={text}
      onChange={(next: string | undefined) => {
        setText(next ?? '');
        if (!next) apply('');
      }}
      onSelect={(next) => apply(next ?? '')}
      onBlur={() => apply(text)}
      onInputKeyDown={(event) => {
        if (event.key === 'Enter') apply(text);
      }}
    />
  );
}

type DictValues = DictCreateRequest;

/** The entries of the resume form's pickers (`GET /dict/{dict_item}`); resumes store their keys. */
export default function DictsPage() {
  return (
    <CatalogTable<DictRow, DictValues>
      resource={RESOURCE}
      title="字典"
      intro="小程序简历表单中各选择项的可选值。简历保存的是“键”，因此字典和键创建后不能修改；如需更换，请停用此条并新建一条。"
      noun="字典项"
      nameOf={(row) => `${row.dict_item} · ${row.dict_value}`}
      keywordPlaceholder="键或值"
      filters={[{ name: 'dict_item', render: (value, onChange) => <DictItemFilter key={value ?? ''} value={value} onChange={onChange} /> }]}
      columns={[
        { title: '字典', dataIndex: 'dict_item', render: dictItemLabel },
        { title: '键（dict_key）', dataIndex: 'dict_key' },
        { title: '值（显示文字）', dataIndex: 'dict_value' },
        { title: '排序', dataIndex: 'sort', width: 90 },
      ]}
      disableNote="停用后小程序中不再可选；已保存此项的简历不受影响。"
      editor={{
        initialValues: (row) => ({ dict_item: row?.dict_item, dict_key: row?.dict_key, dict_value: row?.dict_value, sort: row?.sort ?? 0 }),
        fieldOf: duplicateUnder('dict_key'),
        save: (values, row) =>
          saveRecord<DictRow>(
            RESOURCE,
            row,
            row
              ? ({ dict_value: values.dict_value.trim(), sort: values.sort ?? 0 } satisfies DictUpdateRequest)
              : ({ dict_item: values.dict_item.trim(), dict_key: values.dict_key.trim(), dict_value: values.dict_value.trim(), sort: values.sort ?? 0 } satisfies DictCreateRequest),
          ),
        fields: (row) => (
          <>
            <Form.Item
              label="字典"
              name="dict_item"
              extra={row ? '创建后不能修改' : '选择已有字典，或输入新字典名（字母开头的字母、数字或下划线）'}
              rules={[
                { required: true, whitespace: true, message: '请选择或输入字典' },
                { max: 32, message: '最多 32 个字符' },
                { pattern: /^\s*[A-Za-z][A-Za-z0-9_]*\s*$/, message: '应为字母开头的字母、数字或下划线' },
              ]}
            >
              <AutoComplete options={DICT_ITEM_OPTIONS} disabled={!!row} maxLength={32} autoFocus={!row} />
            </Form.Item>
            <Form.Item
              label="键（dict_key）"
              name="dict_key"
              extra={row ? '创建后不能修改：简历中保存的是键' : '简历中保存的值，同一字典内唯一，创建后不能修改'}
              rules={[{ required: true, whitespace: true, message: '请输入键' }, { max: 32, message: '最多 32 个字符' }]}
            >
              <Input disabled={!!row} maxLength={32} />
            </Form.Item>
            <Form.Item label="值（显示文字）" name="dict_value" rules={[{ required: true, whitespace: true, message: '请输入显示文字' }, { max: 32, message: '最多 32 个字' }]}>
              <Input maxLength={32} showCount autoFocus={!!row} />
            </Form.Item>
            <Form.Item label="排序" name="sort" extra="同一字典内数字越小越靠前，0 到 100000">
              <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
            </Form.Item>
          </>
        ),
      }}
    />
  );
}
