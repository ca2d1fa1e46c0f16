import type { CompanyRequest, CompanyRow } from '@shanqian/shared';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useIsSuper } from '../../auth/use-admin';
import { CatalogTable, duplicateUnder, formatTime, saveRecord } from './catalog-table';
import { CompanySealPanel } from './company-seal-panel';

const RESOURCE = '/admin/companies';

/** The employers workers apply to; a super admin also sets up each one's seal here. */
export default function CompaniesPage() {
  const isSuper = useIsSuper();
  // The drawer keeps its company while it slides out.
  const [sealPanel, setSealPanel] = useState<{ open: boolean; company: CompanyRow | null }>({ open: false, company: null });
  return (
    <>
      <CatalogTable<CompanyRow, CompanyRequest>
        resource={RESOURCE}
        title="用人单位"
        intro="小程序中可选的用人单位。每个单位须由超级管理员授权自动盖章后，其签约申请才能审核通过。"
        noun="用人单位"
        nameOf={(row) => row.company_name}
        keywordPlaceholder="单位名称"
        columns={[
          { title: 'ID', dataIndex: 'id', width: 80 },
          { title: '单位名称', dataIndex: 'company_name' },
          { title: '创建时间', dataIndex: 'created_at', width: 170, render: formatTime },
          { title: '更新时间', dataIndex: 'updated_at', width: 170, render: formatTime },
        ]}
        disableNote="停用后小程序中不再可选；已有申请和合同模板不受影响。"
        actionsWidth={230}
        rowActions={
          isSuper
            ? (row) => (
                <Button type="link" size="small" onClick={() => setSealPanel({ open: true, company: row })}>
                  印章与证书
                </Button>
              )
            : undefined
        }
        editor={{
          initialValues: (row) => ({ company_name: row?.company_name }),
          fieldOf: duplicateUnder('company_name'),
          save: (values, row) => saveRecord<CompanyRow>(RESOURCE, row, { company_name: values.company_name.trim() } satisfies CompanyRequest),
          fields: () => (
            <Form.Item
              label="单位名称"
              name="company_name"
              extra="与营业执照一致；系统生成的印章和签名证书使用此名称"
              rules={[{ required: true, whitespace: true, message: '请输入单位名称' }, { max: 64, message: '最多 64 个字' }]}
            >
              <Input maxLength={64} showCount autoFocus />
            </Form.Item>
          ),
        }}
      />
      <CompanySealPanel company={sealPanel.company} open={sealPanel.open} onClose={() => setSealPanel((current) => ({ ...current, open: false }))} />
    </>
  );
}
