import { Button, Col, type ColProps, Form, Row, Space } from 'antd';
import { type ReactNode, useEffect } from 'react';

interface FilterBarProps<Filters, Values extends object> {
  /** The form's name, which its fields' ids begin with. */
  name: string;
  filters: Filters;
  valuesOf: (filters: Filters) => Values;
  filtersOf: (values: Values) => Partial<Filters>;
  /** Every filter of the bar cleared: what 重置 applies. */
  cleared: Partial<Filters>;
  onSearch: (change: Partial<Filters>) => void;
  /** The fields, as `FilterField`s. */
  children: ReactNode;
}

/**
 * A list's search form, as Ant Design Pro's query filter: the fields follow the address (back and
 * forward included) and apply on 查询 or Enter; 重置 clears them.
 */
export function FilterBar<Filters, Values extends object>({ name, filters, valuesOf, filtersOf, cleared, onSearch, children }: FilterBarProps<Filters, Values>) {
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    form.setFieldsValue(valuesOf(filters));
  }, [filters, form, valuesOf]);

  return (
    <Form form={form} name={name} layout="vertical" onFinish={(values) => onSearch(filtersOf(values))} initialValues={valuesOf(filters)}>
      <Row gutter={16} align="bottom">
        {children}
        <Col xs={24} xl={4} style={{ marginBottom: 16 }}>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                // Typed but not yet applied values go too, even when the address does not change.
                form.setFieldsValue(valuesOf({ ...filters, ...cleared }));
                onSearch(cleared);
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

/** One field of a `FilterBar`, in its column of the bar's grid. */
export function FilterField({ label, name, children, ...column }: Omit<ColProps, 'children'> & { label: string; name: string; children: ReactNode }) {
  return (
    <Col {...column}>
      <Form.Item label={label} name={name} style={{ marginBottom: 16 }}>
        {children}
      </Form.Item>
    </Col>
  );
}
