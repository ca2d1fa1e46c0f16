/**
 * The evidence package (出证包) of a signed contract: one ZIP that a court, an arbitrator or the
 * worker can check without 闪签云, with common tools only (sha256sum, pdfsig, openssl). What each
 * file is and the exact commands are written into its README.txt.
 */
import { strToU8, zipSync, Zippable } from 'fflate';
import { chinaDateTime } from '../../common/china-time';

/** The document time stamp as the package describes it: enough to recompute its imprint from the PDF alone. */
export interface PackagedTimestamp {
  token: Buffer;
  genTime: Date;
  /** The /ByteRange of the DocTimeStamp: the bytes whose SHA-256 the token imprints. */
  byteRange: [number, number, number, number];
  /** SHA-256 (hex) of those bytes. */
  imprintSha256: string;
  /** The certificates the token carries (the TSA's), PEM. */
  certificatesPem: string[];
}

export interface EvidencePackageInput {
  applicationNo: string;
  generatedAt: Date;
  signedPdf: Buffer;
  signedSha256: string;
  /** evidence.json's content. */
  evidence: object;
  worker: { name: string; certificatePem: string; signedAt: Date };
  employer: { name: string; certificatePem: string; signedAt: Date };
  /** Issuers of both certificates (no duplicates), PEM, root last. */
  caChainPem: string[];
  timestamp: PackagedTimestamp | null;
  eventChainHead: string | null;
}

export const EVIDENCE_FILES = {
  contract: 'contract.pdf',
  evidence: 'evidence.json',
  worker: 'certificates/worker.pem',
  employer: 'certificates/employer.pem',
  caChain: 'certificates/ca-chain.pem',
  token: 'timestamps/document.tst',
  tsaChain: 'timestamps/tsa-chain.pem',
  readme: 'README.txt',
} as const;

const pemBundle = (pems: string[]): Uint8Array => strToU8(pems.map((pem) => pem.trim()).join('\n') + '\n');
const epochSeconds = (at: Date): number => Math.floor(at.getTime() / 1000);

/** The ZIP's bytes. Its entries carry the generation time, so one package is reproducible byte for byte. */
export function buildEvidencePackage(input: EvidencePackageInput): Buffer {
  const mtime = input.generatedAt;
  const files: Zippable = {
    [EVIDENCE_FILES.readme]: strToU8(evidenceReadme(input)),
    // A PDF does not shrink: stored, not deflated.
    [EVIDENCE_FILES.contract]: [input.signedPdf, { level: 0 }],
    [EVIDENCE_FILES.evidence]: strToU8(`${JSON.stringify(input.evidence, null, 2)}\n`),
    [EVIDENCE_FILES.worker]: pemBundle([input.worker.certificatePem]),
    [EVIDENCE_FILES.employer]: pemBundle([input.employer.certificatePem]),
    [EVIDENCE_FILES.caChain]: pemBundle(input.caChainPem),
  };
  if (input.timestamp) {
    files[EVIDENCE_FILES.token] = input.timestamp.token;
    files[EVIDENCE_FILES.tsaChain] = pemBundle(input.timestamp.certificatesPem);
  }
  return Buffer.from(zipSync(files, { mtime }));
}

function evidenceReadme(input: EvidencePackageInput): string {
  const { applicationNo, worker, employer, timestamp } = input;
  const f = EVIDENCE_FILES;
  const lines = [
    `闪签云 电子劳动合同出证包（证据包）　申请编号 ${applicationNo}`,
    `生成时间：${chinaDateTime(input.generatedAt)}（北京时间）`,
    '',
    '一、包内文件',
    `  ${f.contract.padEnd(28)}签署完成的劳动合同：劳动者签名、用人单位电子印章${timestamp ? '、文档时间戳' : ''}`,
    `  ${f.evidence.padEnd(28)}申请、哈希链事件记录、实名认证、短信意愿确认、文件指纹、签名与证书`,
    `  ${f.worker.padEnd(28)}劳动者 ${worker.name} 的签署事件证书`,
    `  ${f.employer.padEnd(28)}用人单位 ${employer.name} 的签名证书`,
    `  ${f.caChain.padEnd(28)}签发上述证书的 CA 证书链`,
    ...(timestamp
      ? [`  ${f.token.padEnd(28)}RFC 3161 时间戳令牌（覆盖整个合同文件）`, `  ${f.tsaChain.padEnd(28)}时间戳令牌携带的时间戳服务（TSA）证书`]
      : []),
    `  ${f.readme.padEnd(28)}本说明`,
    '',
    '二、离线核验方法（Linux/macOS 常用工具：sha256sum、pdfsig（poppler-utils）、openssl）',
    '',
    '1. 合同文件未被替换：',
    `     sha256sum ${f.contract}`,
    `   应输出 ${input.signedSha256}，与 evidence.json 的 files.signed_sha256 及平台记录一致。`,
    '',
    '2. 两方签名有效：',
    `     pdfsig ${f.contract}`,
    `   应列出劳动者签名（${worker.name}）与用人单位签名（${employer.name}）${timestamp ? '及文档时间戳' : ''}，`,
    '   每一个都显示 “Signature Validation: Signature is Valid.”；文件任何一个字节被改动都会显示 Digest Mismatch。',
    '   也可用 Adobe Acrobat Reader 打开，在“签名”面板查看。',
    '',
    '3. 证书由平台 CA 签发（签署时有效）：',
    `     openssl verify -attime ${epochSeconds(worker.signedAt)} -CAfile ${f.caChain} ${f.worker}`,
    `     openssl verify -attime ${epochSeconds(employer.signedAt)} -CAfile ${f.caChain} ${f.employer}`,
    '   应各输出 “OK”。-attime 为签署时刻（劳动者的事件证书有效期只有几天，签署后过期是正常的）。',
    '   若用人单位证书来自其他依法设立的电子认证服务机构，CA 证书链即该机构的证书链。',
  ];
  if (timestamp) {
    const [, firstLength, secondStart, secondLength] = timestamp.byteRange;
    lines.push(
      '',
      `4. 可信时间（${chinaDateTime(timestamp.genTime)}，北京时间）：时间戳令牌覆盖的是合同文件除时间戳自身以外的全部字节`,
      `   （ByteRange ${timestamp.byteRange.join(' ')}）。先计算这些字节的 SHA-256：`,
      `     (head -c ${firstLength} ${f.contract}; tail -c +${secondStart + 1} ${f.contract} | head -c ${secondLength}) | sha256sum`,
      `   应输出 ${timestamp.imprintSha256}；再核验令牌：`,
      `     openssl ts -verify -digest ${timestamp.imprintSha256} -token_in -in ${f.token} -CAfile ${f.tsaChain}`,
      '   应输出 “Verification: OK”。正式环境请以时间戳服务机构公布的根证书作为 -CAfile。',
    );
  }
  lines.push(
    '',
    `${timestamp ? 5 : 4}. 事件记录的哈希链：evidence.json 的 events 按发生顺序排列，每条的 prev_hash 等于上一条的 hash；`,
    '   每条的 hash 是该记录（去掉 id、hash、detail 三项，detail 以其 SHA-256 即 detail_sha256 代表）按键名排序的紧凑 JSON 的 SHA-256：',
    `     jq -cS '.events[] | del(.id, .hash, .detail)' ${f.evidence} | while IFS= read -r line; do printf '%s' "$line" | sha256sum; done`,
    `     jq -r '.events[].hash' ${f.evidence}`,
    '   两条命令的输出应逐行相同（detail 中的手机号已脱敏，detail_sha256 是数据库中原文的 SHA-256）。',
    `   签署前的链头 ${input.eventChainHead ?? '（无）'} 印在合同的签署审计页上，应等于签署前最后一条记录的 hash。`,
    '   平台可随时以 npm run evidence:check -- <申请编号的数字部分> 从数据库重新计算整条链并指出被修改或删除的记录。',
    '',
    '三、法律依据',
    '   《中华人民共和国电子签名法》第十三、十四条；人社厅函〔2020〕33号；《电子劳动合同订立指引》（人社厅发〔2021〕54号）。',
    '',
  );
  return lines.join('\n');
}
