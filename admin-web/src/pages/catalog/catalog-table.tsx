import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { EnabledFlag, ErrorCode, type Page } from '@shanqian/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useId, useState, type ReactNode } from 'react';
import { api, ApiError } from '../../api/request';
import { useIsSuper } from '../../auth/use-admin';
import { errorText, showFormError } from '../../components/form-errors';
import { QueryError } from '../../components/query-state';
import { PAGE_SIZES, useListParams } from './use-list-params';

/** A back-office record that is enabled or disabled, never deleted. */
export interface SwitchableRow {
  id: number;
  status: EnabledFlag;
}

/** One of a page's own filters: a query parameter and its control. */
export interface CatalogFilter {
  name: string;
  render: (value: string | undefined, onChange: (value: string | undefined) => void) => ReactNode;
}

/** The create and edit form of a table. */
export interface CatalogEditor<Row, Values> {
  /** The form items; `editing` is null when creating. */
  fields: (editing: Row | null) => ReactNode;
  initialValues: (editing: Row | null) => Partial<Values>;
  save: (values: Values, editing: Row | null) => Promise<Row>;
  /** The field a refusal other than a validation error belongs to (an upload's 413 under the file picker). */
  fieldOf?: (error: ApiError) => string | undefined;
  width?: number;
}

interface CatalogTableProps<Row extends SwitchableRow, Values> {
  /** The list's path, e.g. `/admin/work-positions`; also the root of its query keys. */
  resource: string;
  title: string;
  intro?: ReactNode;
  /** What one row is called: 岗位, 合同模板. */
  noun: string;
  nameOf: (row: Row) => string;
  keywordPlaceholder: string;
  columns: TableColumnsType<Row>;
  filters?: CatalogFilter[];
  /** Absent: the table cannot create nor edit. Only a super admin is shown it either way. */
  editor?: CatalogEditor<Row, Values>;
  /** Actions of a row besides edit and enable/disable, shown to whoever may use them. */
  rowActions?: (row: Row) => ReactNode;
  /** False hides enable/disable on that row (a super admin's own account). */
  canSwitch?: (row: Row) => boolean;
  /** What disabling means, in the confirmation. */
  disableNote: string;
  actionsWidth?: number;
}

/** POST to the list when creating, PUT to the row when editing: every catalog table's writes. */
export function saveRecord<Row>(resource: string, editing: SwitchableRow | null, body: unknown): Promise<Row> {
  return editing ? api<Row>('PUT', `${resource}/${editing.id}`, { body }) : api<Row>('POST', resource, { body });
}

/** A name or key already taken (409) belongs under the field that holds it. */
export const duplicateUnder =
  (field: string) =>
  (error: ApiError): string | undefined =>
    error.code === ErrorCode.RecordDuplicate ? field : undefined;

/** `2026-11-23 16:15` in the clerk's time zone. */
export const formatTime = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

export function StatusBadge({ status }: { status: EnabledFlag }) {
  return status === EnabledFlag.Enabled ? <Badge status="success" text="启用" /> : <Badge status="default" text="停用" />;
}

/**
 * The list page of a catalog table: filters kept in the address bar, server-side pagination, the
 * loading, empty and error states, a create/edit dialog and enable/disable with a confirmation.
 * Writes are shown to a super admin only; the server refuses them to anyone else anyway.
 */
export function CatalogTable<Row extends SwitchableRow, Values>(props: CatalogTableProps<Row, Values>) {
  const { resource, noun, editor, filters = [], rowActions, canSwitch = () => true } = props;
  const isSuper = useIsSuper();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { params, update, reset, filtered } = useListParams(filters.map((filter) => filter.name));
  const query = { page: params.page, page_size: params.page_size, keyword: params.keyword, status: params.status, ...params.filters };
  const list = useQuery({
    queryKey: [resource, query],
    queryFn: ({ signal }) => api<Page<Row>>('GET', resource, { query, signal }),
    placeholderData: keepPreviousData,
  });
  // A new dialog (and a fresh form) on each opening; the closing one keeps its content while it fades.
  const [dialog, setDialog] = useState<{ open: boolean; row: Row | null; key: number }>({ open: false, row: null, key: 0 });
  const openEditor = (row: Row | null) => setDialog((current) => ({ open: true, row, key: current.key + 1 }));

  const switchStatus = useMutation({
    mutationFn: ({ row, enable }: { row: Row; enable: boolean }) => api<Row>('POST', `${resource}/${row.id}/${enable ? 'enable' : 'disable'}`),
    onSuccess: (saved, { enable }) => {
      message.success(`已${enable ? '启用' : '停用'}${noun}「${props.nameOf(saved)}」`);
      void queryClient.invalidateQueries({ queryKey: [resource] });
    },
    onError: (error, { enable }) => message.error(`${enable ? '启用' : '停用'}失败：${errorText(error)}`),
  });

  const hasActions = !!rowActions || isSuper;
  const columns: TableColumnsType<Row> = [
    ...props.columns,
    { title: '状态', dataIndex: 'status', width: 90, render: (status: EnabledFlag) => <StatusBadge status={status} /> },
  ];
  if (hasActions) {
    columns.push({
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: props.actionsWidth ?? 150,
      render: (_, row) => {
        const enable = row.status !== EnabledFlag.Enabled;
        return (
          <Space size={0} wrap>
            {rowActions?.(row)}
            {isSuper && editor && (
              <Button type="link" size="small" onClick={() => openEditor(row)}>
                编辑
              </Button>
            )}
            {isSuper && canSwitch(row) && (
              <Popconfirm
                title={`${enable ? '启用' : '停用'}${noun}「${props.nameOf(row)}」？`}
                description={enable ? undefined : props.disableNote}
                okText={enable ? '启用' : '停用'}
                okButtonProps={{ danger: !enable }}
                onConfirm={() => switchStatus.mutateAsync({ row, enable }).catch(() => undefined)}
              >
                <Button type="link" size="small">
                  {enable ? '启用' : '停用'}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    });
  }

  const empty = filtered ? (
    <Empty description={`没有符合条件的${noun}`}>
      <Button onClick={reset}>清除筛选</Button>
    </Empty>
  ) : (
    <Empty description={`还没有${noun}`}>
      {isSuper && editor && (
        <Button type="primary" onClick={() => openEditor(null)}>
          新建{noun}
        </Button>
      )}
    </Empty>
  );

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {props.title}
        </Typography.Title>
        {props.intro && (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {props.intro}
          </Typography.Paragraph>
        )}
      </div>
      <Card size="small">
        <Flex gap={12} wrap align="center" role="search" aria-label={`筛选${noun}`}>
          <Input.Search
            // Remounted when the address bar changes (back button, 清除筛选) so the box shows what is applied.
            key={params.keyword ?? ''}
            defaultValue={params.keyword}
            placeholder={props.keywordPlaceholder}
            aria-label="关键词"
            allowClear
            maxLength={64}
            enterButton="查询"
            style={{ width: 320 }}
            onSearch={(keyword) => update({ keyword: keyword.trim() || undefined })}
          />
          {filters.map((filter) => (
            <div key={filter.name}>{filter.render(params.filters[filter.name], (value) => update({ filters: { [filter.name]: value } }))}</div>
          ))}
          <Select
            aria-label="状态"
            placeholder="全部状态"
            allowClear
            style={{ width: 130 }}
            value={params.status}
            onChange={(status?: EnabledFlag) => update({ status })}
            options={[
              { value: EnabledFlag.Enabled, label: '启用' },
              { value: EnabledFlag.Disabled, label: '停用' },
            ]}
          />
          {filtered && <Button onClick={reset}>重置</Button>}
        </Flex>
      </Card>
      <Card
        title={`${noun}列表`}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} aria-label="刷新" title="刷新" onClick={() => void list.refetch()} loading={list.isFetching} />
            {isSuper && editor && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => openEditor(null)}>
                新建{noun}
              </Button>
            )}
          </Space>
        }
      >
        {list.isError && (
          <div style={{ marginBottom: list.data ? 16 : 0 }}>
            <QueryError error={list.error} onRetry={() => void list.refetch()} title={`${noun}列表加载失败`} />
          </div>
        )}
        {!(list.isError && !list.data) && (
          <Table<Row>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.list}
            loading={list.isFetching}
            locale={{ emptyText: list.isPending ? ' ' : empty }}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: params.page,
              pageSize: params.page_size,
              total: list.data?.count ?? 0,
              pageSizeOptions: PAGE_SIZES,
              showSizeChanger: true,
              showTotal: (total) => `共 ${total} 条`,
            }}
            onChange={({ current, pageSize }) => update({ page: current ?? 1, page_size: pageSize ?? params.page_size })}
          />
        )}
      </Card>
      {editor && (
        <EditorDialog
          key={dialog.key}
          open={dialog.open}
          row={dialog.row}
          editor={editor}
          noun={noun}
          nameOf={props.nameOf}
          resource={resource}
          onClose={() => setDialog((current) => ({ ...current, open: false }))}
        />
      )}
    </Flex>
  );
}

interface EditorDialogProps<Row, Values> {
  open: boolean;
  row: Row | null;
  editor: CatalogEditor<Row, Values>;
  noun: string;
  nameOf: (row: Row) => string;
  resource: string;
  onClose: () => void;
}

/** A refusal shown where the clerk looks: under the field it names, else above the form, the values kept for another try. */
function EditorDialog<Row, Values>({ open, row, editor, noun, nameOf, resource, onClose }: EditorDialogProps<Row, Values>) {
  const [form] = Form.useForm<Values>();
  const formId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (values: Values) => editor.save(values, row),
    onSuccess: (saved) => {
      message.success(`已${row ? '保存' : '新建'}${noun}「${nameOf(saved)}」`);
      void queryClient.invalidateQueries({ queryKey: [resource] });
      onClose();
    },
    onError: (error) => {
      const field = error instanceof ApiError ? editor.fieldOf?.(error) : undefined;
      if (field) {
        form.setFields([{ name: field as never, errors: [errorText(error).replace(`${field}: `, '')] }]);
        setProblem(null);
      } else {
        setProblem(showFormError(form, error));
      }
    },
  });
  return (
    <Modal
      title={row ? `编辑${noun}` : `新建${noun}`}
      open={open}
      onCancel={onClose}
      okText={row ? '保存' : '新建'}
      // A submit button of the form: Enter in any field saves, as the button does.
      okButtonProps={{ htmlType: 'submit', form: formId }}
      confirmLoading={save.isPending}
      mask={{ closable: false }}
      width={editor.width}
      destroyOnHidden
    >
      {problem && <Alert role="alert" type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<Values>
        id={formId}
        form={form}
        layout="vertical"
        initialValues={editor.initialValues(row)}
        onFinish={(values) => {
          setProblem(null);
          save.mutate(values);
        }}
      >
        {editor.fields(row)}
      </Form>
    </Modal>
  );
}
