import type { BridgeName } from '@shanqian/shared';
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Skeleton, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useIsSuper } from '../../auth/use-admin';
import { QueryError } from '../../components/query-state';
import { BRIDGES, BridgeStatusCard } from './bridge-status-card';
import { useBridgeStatus } from './bridge-queries';
import { FeishuPanel } from './feishu-panel';
import { LeapinPanel } from './leapin-panel';
import { MokaPanel } from './moka-panel';

/** The order of the cards and tabs: the import comes first in a hire, the interview next, the mirror last. */
const ORDER: BridgeName[] = ['moka', 'leapin', 'feishu'];

const PANELS: Record<BridgeName, ReactNode> = {
  moka: <MokaPanel />,
  leapin: <LeapinPanel />,
  feishu: <FeishuPanel />,
};

/**
 * The partner systems: whether each is on and how its calls have been going, for everyone; their
 * actions for a super admin, and only for a bridge that is configured (the server refuses the
 * others with 409, and an hr admin's with 403).
 */
export default function BridgesPage() {
  const isSuper = useIsSuper();
  const status = useBridgeStatus();
  const [search, setSearch] = useSearchParams();
  const byName = new Map(status.data?.map((bridge) => [bridge.name, bridge]));
  const usable = ORDER.filter((name) => byName.get(name)?.configured);
  const tab = usable.find((name) => name === search.get('tab')) ?? usable[0];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            合作系统
          </Typography.Title>
          <Typography.Text type="secondary">与 Moka、LeapIn、飞书招聘的对接状态{isSuper ? '和操作' : ''}</Typography.Text>
        </div>
        <Button icon={<ReloadOutlined />} onClick={() => void status.refetch()} loading={status.isFetching && !status.isPending}>
          刷新状态
        </Button>
      </Flex>
      {status.isPending ? (
        <Row gutter={[16, 16]} aria-busy="true" aria-label="正在加载对接状态">
          {ORDER.map((name) => (
            <Col key={name} xs={24} lg={8}>
              <Card title={BRIDGES[name].title}>
                <Skeleton active />
              </Card>
            </Col>
          ))}
        </Row>
      ) : !status.data ? (
        <QueryError title="对接状态加载失败" error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        <>
          {status.isError && <QueryError title="刷新失败，下面是上次加载的状态" error={status.error} onRetry={() => void status.refetch()} />}
          <Row gutter={[16, 16]}>
            {ORDER.map((name) => {
              const bridge = byName.get(name);
              return (
                bridge && (
                  <Col key={name} xs={24} lg={8}>
                    <BridgeStatusCard status={bridge} />
                  </Col>
                )
              );
            })}
          </Row>
          {!isSuper ? (
            <Alert type="info" showIcon title="导入、邀请面试和关联飞书人才由超级管理员操作" />
          ) : usable.length === 0 ? (
            <Alert type="info" showIcon title="还没有配置任何合作系统，配置后可在此操作" />
          ) : (
            <Card>
              <Tabs
                activeKey={tab}
                onChange={(key) => setSearch({ tab: key }, { replace: true })}
                items={usable.map((name) => ({ key: name, label: BRIDGES[name].title, children: PANELS[name] }))}
              />
            </Card>
          )}
        </>
      )}
    </Flex>
  );
}
