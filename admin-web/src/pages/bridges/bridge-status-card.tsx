import type { BridgeName, BridgeStatus } from '@shanqian/shared';
import { Badge, Button, Card, Descriptions, List, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';

/** What each partner is for, and the settings that turn it on (the server reads them at start-up). */
export const BRIDGES: Record<BridgeName, { title: string; purpose: string; settings: string }> = {
  moka: { title: 'Moka', purpose: '导入 Moka 的 offer 候选人（工人登录后简历自动预填），并把管理员和用人单位同步到 Moka。', settings: 'MOKA_API_KEY' },
  leapin: { title: 'LeapIn', purpose: '邀请待审核的申请人参加 LeapIn AI 面试，面试结果定时拉回申请详情。', settings: 'LEAPIN_ACCESS_ID、LEAPIN_ACCESS_SECRET' },
  feishu: { title: '飞书招聘', purpose: '把签约申请关联到飞书招聘的人才，之后申请状态自动同步为飞书的外部投递。', settings: 'FEISHU_APP_ID、FEISHU_APP_SECRET' },
};

/** Ant Design's success tag with its text a shade darker, to read at AA. */
const ON_TAG = { color: '#237804', background: '#f6ffed', borderColor: '#b7eb8f' };

/** Errors shown before "show all": the card stays short, the rest one click away. */
const ERRORS_SHOWN = 3;

const time = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm:ss');

/** One partner: on or off, its last success, its queue, its latest errors. */
export function BridgeStatusCard({ status }: { status: BridgeStatus }) {
  const [allErrors, setAllErrors] = useState(false);
  const bridge = BRIDGES[status.name];
  const errors = allErrors ? status.recent_errors : status.recent_errors.slice(0, ERRORS_SHOWN);
  return (
    <Card
      title={bridge.title}
      extra={status.configured ? <Tag style={ON_TAG}>已配置</Tag> : <Tag>未配置</Tag>}
      style={{ height: '100%' }}
      aria-label={`${bridge.title}：${status.configured ? '已配置' : '未配置'}`}
    >
      <Typography.Paragraph type="secondary">{bridge.purpose}</Typography.Paragraph>
      {!status.configured && (
        <Typography.Paragraph>
          未配置：在服务器的环境变量中设置 <Typography.Text code>{bridge.settings}</Typography.Text> 并重启后可用。
        </Typography.Paragraph>
      )}
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'success', label: '最近成功', children: status.last_success_at ? time(status.last_success_at) : '暂无' },
          {
            key: 'pending',
            label: '待处理任务',
            children: status.pending_jobs > 0 ? <Badge status="processing" text={`${status.pending_jobs} 个`} /> : '无',
          },
          { key: 'errors', label: '最近错误', children: status.recent_errors.length ? `${status.recent_errors.length} 条` : '无' },
        ]}
      />
      {status.recent_errors.length > 0 && (
        <>
          <List
            size="small"
            dataSource={errors}
            renderItem={(error) => (
              <List.Item style={{ paddingInline: 0 }}>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {time(error.at)} · {error.operation}
                  </Typography.Text>
                  <div style={{ color: '#a8071a', wordBreak: 'break-all' }}>{error.message}</div>
                </div>
              </List.Item>
            )}
          />
          {status.recent_errors.length > ERRORS_SHOWN && (
            <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setAllErrors(!allErrors)}>
              {allErrors ? '收起' : `查看全部 ${status.recent_errors.length} 条`}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}
