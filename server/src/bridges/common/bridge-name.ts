/** The partner systems 闪签云 talks to; the value names a bridge in tables, queues, logs and URLs. */
export const BRIDGE_NAMES = ['leapin', 'moka', 'feishu'] as const;

export type BridgeName = (typeof BRIDGE_NAMES)[number];

/** How the back office names each partner in messages ("<partner> 未配置"). */
export const BRIDGE_LABELS: Record<BridgeName, string> = { leapin: 'LeapIn', moka: 'Moka', feishu: '飞书招聘' };
