import type { WorkPositionRequest, WorkPositionRow } from '@shanqian/shared';
import { Form, Input, InputNumber } from 'antd';
import { CatalogTable, duplicateUnder, saveRecord } from './catalog-table';

const RESOURCE = '/admin/work-positions';

/** The positions of the mini-program's picker (`/work_pos`), in their order. */
export default function WorkPositionsPage() {
  return (
    <CatalogTable<WorkPositionRow, WorkPositionRequest>
      resource={RESOURCE}
      title="岗位"
      intro="小程序简历中可选的应聘岗位，按排序值从小到大排列。申请保存的是提交时的岗位名称，改名不影响已有申请。"
      noun="岗位"
      nameOf={(row) => row.name}
      keywordPlaceholder="岗位名称"
      columns={[
        { title: 'ID', dataIndex: 'id', width: 80 },
        { title: '岗位名称', dataIndex: 'name' },
        { title: '排序', dataIndex: 'sort', width: 100 },
      ]}
      disableNote="停用后小程序中不再可选；已提交的申请不受影响。"
      editor={{
        initialValues: (row) => ({ name: row?.name, sort: row?.sort ?? 0 }),
        fieldOf: duplicateUnder('name'),
        save: (values, row) => saveRecord<WorkPositionRow>(RESOURCE, row, { name: values.name.trim(), sort: values.sort ?? 0 } satisfies WorkPositionRequest),
        fields: () => (
          <>
            <Form.Item label="岗位名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入岗位名称' }, { max: 16, message: '最多 16 个字' }]}>
              <Input maxLength={16} showCount autoFocus />
            </Form.Item>
            <Form.Item label="排序" name="sort" extra="数字越小越靠前，0 到 100000">
              <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
            </Form.Item>
          </>
        ),
      }}
    />
  );
}
