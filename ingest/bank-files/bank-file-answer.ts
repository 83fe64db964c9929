// What Closewatch answers for a bank file — to the HTTP client and in the inbox's reason
// file — and the bank_files status that follows from its checks.
import type { BankFileFormat, BankFileKind, CheckResult } from './bank-file-model.ts';
import type { BankFileCounts } from './bank-file-output.ts';

export interface BankFileAnswer {
  file_id: string;
  duplicate: boolean;
  type: BankFileKind;
  version: string;
  message_id: string;
  source: string;
  status: 'processed' | 'processed_with_exceptions';
  counts: BankFileCounts;
  checks: CheckResult[];
  /** Checks stored in bank_file_checks but not listed here (failed ones are listed first). */
  checks_not_listed: number;
}

export interface BankFileRefusalAnswer {
  file_id: string;
  error: string;
  path: string;
  line?: number;
}

const maxListedChecks = 200;
const order: Record<CheckResult['outcome'], number> = { failed: 0, partial: 1, skipped: 2, passed: 3 };

export function bankFileAnswer(fileId: string, format: BankFileFormat, info: { messageId: string; source: string }, counts: BankFileCounts, checks: CheckResult[]): BankFileAnswer {
  const listed = [...checks].sort((a, b) => order[a.outcome] - order[b.outcome]).slice(0, maxListedChecks);
  return {
    file_id: fileId,
    duplicate: false,
    type: format.kind,
    version: format.version,
    message_id: info.messageId,
    source: info.source,
    status: checks.some((c) => c.outcome === 'failed') ? 'processed_with_exceptions' : 'processed',
    counts,
    checks: listed,
    checks_not_listed: checks.length - listed.length,
  };
}

/** The answer as a plain-text report, for the inbox's <name>.reason.txt. */
export function answerText(answer: BankFileAnswer): string {
  const c = answer.counts;
  const lines = [
    answer.duplicate ? 'duplicate: this file was already processed; nothing was added' : `status: ${answer.status}`,
    `file id: ${answer.file_id}`,
    `type: ${answer.type}${answer.version ? ` ${answer.version}` : ''}, message ${answer.message_id}, source ${answer.source}`,
    `statements ${c.statements}, entries ${c.entries}, transactions ${c.transactions}, balances ${c.balances}, statuses ${c.statuses}, instructions ${c.instructions}, events ${c.events}`,
    'checks:',
    ...answer.checks.map((k) => `  ${k.outcome} ${k.check} — ${k.scope}${k.expected || k.actual ? `: expected ${k.expected}, found ${k.actual}` : ''} (${k.detail})`),
  ];
  if (answer.checks_not_listed) lines.push(`  … and ${answer.checks_not_listed} more in bank_file_checks`);
  return `${lines.join('\n')}\n`;
}
