import type { Page } from '@shanqian/shared';
import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Empty, Table, type TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { QueryError } from './query-state';

interface PagedTableProps<Row extends { id: number }>
  extends Omit<TableProps<Row>, 'rowKey' | 'size' | 'sticky' | 'dataSource' | 'loading' | 'locale' | 'pagination' | 'onChange'> {
  /** The page shown, kept on screen while the next one loads. */
  list: UseQueryResult<Page<Row>>;
  /** Above the table when the page could not be had, with 重试. */
  errorTitle: string;
  /** The empty state's words: when the page could not be had, when nothing matches. */
  emptyText: { failed: string; none: string };
  /** 清除筛选条件 under the empty state, offered when the list is filtered. */
  onClearFilters?: () => void;
  paging: { page: number; page_size: number };
  pageSizes: readonly number[];
  totalText: (count: number) => string;
  onPage: (paging: { page?: number; page_size?: number }) => void;
  /** The order a sortable column's arrows ask for. */
  onSort?: (order: SortOrder | undefined) => void;
}

/** A list the server pages, whose filters and page live in the address: its error, empty and loading states. */
export function PagedTable<Row extends { id: number }>({
  list,
  errorTitle,
  emptyText,
  onClearFilters,
  paging,
  pageSizes,
  totalText,
  onPage,
  onSort,
  ...table
}: PagedTableProps<Row>) {
  return (
    <>
      {list.isError && (
        <div style={{ marginBottom: 12 }}>
          <QueryError title={errorTitle} error={list.error} onRetry={() => void list.refetch()} />
        </div>
      )}
      <Table<Row>
        rowKey="id"
        size="middle"
        sticky
        {...table}
        dataSource={list.data?.list ?? []}
        loading={list.isFetching}
        locale={{
          emptyText: list.isError ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText.failed} />
          ) : list.isPending ? (
            ' '
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText.none}>
              {onClearFilters && <Button onClick={onClearFilters}>清除筛选条件</Button>}
            </Empty>
          ),
        }}
        pagination={{
          current: paging.page,
          pageSize: paging.page_size,
          total: list.data?.count ?? 0,
          showSizeChanger: true,
          showQuickJumper: true,
          pageSizeOptions: pageSizes.map(String),
          showTotal: totalText,
        }}
        onChange={(pagination, _filters, sorter, { action }) => {
          if (action === 'sort') onSort?.(Array.isArray(sorter) ? sorter[0]?.order : sorter.order);
          else if (action === 'paginate') onPage({ page: pagination.current, page_size: pagination.pageSize });
        }}
      />
    </>
  );
}
