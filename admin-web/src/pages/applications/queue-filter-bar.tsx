import { Button, Col, DatePicker, Form, Input, Row, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useIsSuper } from '../../auth/use-admin';
import { CompanySelect } from '../catalog/company-select';
import { QueueHandlerSelect } from './queue-handler-select';
import type { QueueFilters } from './queue-filters';

interface FilterValues {
  keyword?: string;
  company_id?: number;
  handler_id?: number;
  applied?: [Dayjs | null, Dayjs | null] | null;
}

const DAY = 'YYYY-MM-DD';

const RANGE_PRESETS = [
  { label: '今天', value: (): [Dayjs, Dayjs] => [dayjs().startOf('day'), dayjs().endOf('day')] },
  { label: '最近 7 天', value: (): [Dayjs, Dayjs] => [dayjs().subtract(6, 'day').startOf('day'), dayjs().endOf('day')] },
  { label: '最近 30 天', value: (): [Dayjs, Dayjs] => [dayjs().subtract(29, 'day').startOf('day'), dayjs().endOf('day')] },
  { label: '本月', value: (): [Dayjs, Dayjs] => [dayjs().startOf('month'), dayjs().endOf('day')] },
];

const valuesOf = (filters: QueueFilters): FilterValues => ({
  keyword: filters.keyword,
  company_id: filters.company_id,
  handler_id: filters.handler_id,
  applied: filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null,
});

/**
 * The queue's search form, as Ant Design Pro's query filter: the fields follow the address (back
 * and forward included) and apply on 查询 or Enter; 重置 clears them (the status is the tabs').
 * Handler is a super admin's filter: an hr admin sees the applications they handle.
 */
export function QueueFilterBar(props: {
  filters: QueueFilters;
  /** Names already known from the rows shown, for a chosen company or handler beyond the options' first page. */
  companyName?: string;
  handlerName?: string;
  onSearch: (change: Partial<QueueFilters>) => void;
}) {
  const { filters, companyName, handlerName, onSearch } = props;
  const isSuper = useIsSuper();
  const [form] = Form.useForm<FilterValues>();

  useEffect(() => {
    form.setFieldsValue(valuesOf(filters));
  }, [filters, form]);

  const search = (values: FilterValues) => {
    const [from, to] = values.applied ?? [null, null];
    onSearch({
      keyword: values.keyword?.trim() || undefined,
      company_id: values.company_id ?? undefined,
      handler_id: values.handler_id ?? undefined,
      from: from?.format(DAY),
      to: to?.format(DAY),
    });
  };

  return (
    <Form form={form} name="queue-filters" layout="vertical" onFinish={search} initialValues={valuesOf(filters)}>
      <Row gutter={16} align="bottom">
        <Col xs={24} md={12} xl={6}>
          <Form.Item label="姓名或手机号" name="keyword" style={{ marginBottom: 16 }}>
            <Input allowClear maxLength={32} placeholder="输入姓名或手机号，可只输入一部分" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={5}>
          <Form.Item label="用人单位" name="company_id" style={{ marginBottom: 16 }}>
            <CompanySelect allowClear placeholder="全部用人单位" aria-label="用人单位" knownName={companyName} />
          </Form.Item>
        </Col>
        {isSuper && (
          <Col xs={24} md={12} xl={4}>
            <Form.Item label="处理人" name="handler_id" style={{ marginBottom: 16 }}>
              <QueueHandlerSelect knownName={handlerName} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12} xl={isSuper ? 5 : 7}>
          <Form.Item label="申请日期" name="applied" style={{ marginBottom: 16 }}>
            <DatePicker.RangePicker style={{ width: '100%' }} format={DAY} allowEmpty={[true, true]} presets={RANGE_PRESETS} aria-label="申请日期" />
          </Form.Item>
        </Col>
        <Col xs={24} xl={4} style={{ marginBottom: 16 }}>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                // Typed but not yet applied values go too, even when the address does not change.
                form.setFieldsValue({ keyword: undefined, company_id: undefined, handler_id: undefined, applied: null });
                onSearch({ keyword: undefined, company_id: undefined, handler_id: undefined, from: undefined, to: undefined });
              }}
            >
              重置
            </Button>
          </Space>
        </Col>
      </Row>
    </Form>
  );
}
