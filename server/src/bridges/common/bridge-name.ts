/** The partner systems 闪签云 talks to; the value names a bridge in tables, queues, logs and URLs. */
export const BRIDGE_NAMES = ['leapin', 'moka', 'feishu'] as const;

export type BridgeName = (typeof BRIDGE_NAMES)[number];

/** How the back office names each partner in messages ("<partner> 未配置"). */
export const BRIDGE_LABELS: Record<BridgeName, string> = { leapin: 'LeapIn', moka: 'Moka', feishu: '飞书招聘' };

/** Who PartnerClient calls: the bridges, and outside services that are no bridge (no queue, no status row). */
export type PartnerName = BridgeName | 'robot_algo';

export const PARTNER_LABELS: Record<PartnerName, string> = { ...BRIDGE_LABELS, robot_algo: '招聘机器人算法后端' };
