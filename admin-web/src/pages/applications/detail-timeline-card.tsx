import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import type { ApplicationContractRef, ApplicationEventView, EventChainState } from '@shanqian/shared';
import { Alert, Card, Tag, Timeline, Tooltip, Typography } from 'antd';
import { dateTime, EVENT_COLORS, EVENT_LABELS, eventDetailEntries } from './detail-labels';

const ACTOR_KIND = { employee: '劳动者', admin: 'HR' } as const;

function who(event: ApplicationEventView): string {
  return `${ACTOR_KIND[event.actor_type]} ${event.actor_name ?? `#${event.actor_id}（已删除）`}`;
}

function where(event: ApplicationEventView): string {
  const place = [event.city, event.lng !== null && event.lat !== null ? `${event.lng}, ${event.lat}` : null].filter(Boolean).join(' · ');
  return place ? `${event.ip} · ${place}` : event.ip;
}

/** The application's history, oldest first, with whether its hash chain is intact (no row edited, deleted or reordered). */
export function TimelineCard({ events, chain, contract }: { events: ApplicationEventView[]; chain: EventChainState; contract: ApplicationContractRef | null }) {
  // An approval's detail names the template by id: the detail page knows the current one's name.
  const contractName = (value: string) => (contract && String(contract.id) === value ? contract.contract_name : `#${value}`);
  return (
    <Card
      title="流转记录"
      extra={
        chain.ok ? (
          <Tooltip title={chain.head ? `链头 ${chain.head}` : '尚无记录'}>
            <Tag icon={<CheckCircleOutlined />} color="success">
              记录链完整
            </Tag>
          </Tooltip>
        ) : (
          <Tag icon={<WarningOutlined />} color="error">
            记录链异常
          </Tag>
        )
      }
    >
      {!chain.ok && (
        <Alert
          style={{ marginBottom: 16 }}
          type="error"
          showIcon
          title="流转记录校验未通过"
          description="有记录被修改、删除或调换了顺序。请勿依据这些记录作出判断，并联系系统管理员核查（npm run evidence:check）。"
        />
      )}
      <Timeline
        items={events.map((event, index) => ({
          key: index,
          color: EVENT_COLORS[event.event] ?? 'blue',
          content: (
            <div>
              <Typography.Text strong>{EVENT_LABELS[event.event]}</Typography.Text>
              <div style={{ color: 'rgba(0, 0, 0, 0.65)', fontSize: 13, overflowWrap: 'anywhere' }}>
                <div>
                  {dateTime(event.created_at)} · {who(event)}
                </div>
                <div>{where(event)}</div>
                {eventDetailEntries(event.detail).map(([label, value]) => (
                  <div key={label}>
                    {label}：{label === '合同模板' ? contractName(value) : value}
                  </div>
                ))}
              </div>
            </div>
          ),
        }))}
      />
    </Card>
  );
}
