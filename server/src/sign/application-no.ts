/** 闪签云's application number as the contract, the evidence package and the answers print it. */
export const applicationNo = (id: number): string => `SQ${String(id).padStart(8, '0')}`;
