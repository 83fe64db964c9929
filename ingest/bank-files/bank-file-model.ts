// What a bank file says, independent of its format: statement entries with their
// transaction details, balances, payment statuses and instructions, and the checks
// treasury expects (balances reconcile, counts and control sums agree).

export type BankFileKind = 'camt.052' | 'camt.053' | 'camt.054' | 'pain.001' | 'pain.002' | 'mt940';

export interface BankFileFormat {
  kind: BankFileKind;
  /** ISO 20022 version such as "001.02" (from the namespace), or "" when the file does not say. */
  version: string;
  namespace: string;
}

/** A statement, notification or report (camt) or one MT940 statement. */
export interface StatementRef {
  /** 1-based position in the file. */
  index: number;
  id: string;
  sequence: string;
  createdAt: string;
  /** IBAN, else the other account identifier. */
  account: string;
  iban: string;
  accountCurrency: string;
  servicerBic: string;
  /** CloudEvents source of everything this statement produces: bank/<BIC, bank or unknown>. */
  source: string;
  /** Where the statement is in the file: an element path or an MT940 line. */
  path: string;
}

export interface BankTxCode {
  domain: string;
  family: string;
  subFamily: string;
  proprietary: string;
  proprietaryIssuer: string;
}

export interface TransactionDetail {
  /** 1-based position within the entry. */
  index: number;
  path: string;
  /** The detail's own amount in the entry currency, when the file gives one. */
  amount: string | null;
  accountServicerRef: string;
  endToEndId: string;
  instructionId: string;
  paymentInfoId: string;
  messageId: string;
  mandateId: string;
  creditorReferences: string[];
  remittance: string;
  counterpartyName: string;
  counterpartyAccount: string;
  counterpartyBic: string;
  additionalInfo: string;
  bankTxCode: BankTxCode | null;
}

export type EntryStatus = 'booked' | 'pending' | 'info';

export interface StatementEntry {
  statement: StatementRef;
  /** 1-based position within the statement. */
  index: number;
  path: string;
  entryRef: string;
  accountServicerRef: string;
  bookingDate: string;
  /** Booking timestamp when the file gives one (RFC 3339). */
  bookingTime: string;
  valueDate: string;
  amount: string;
  currency: string;
  creditDebit: 'CRDT' | 'DBIT';
  status: EntryStatus;
  statusCode: string;
  reversal: boolean;
  bankTxCode: BankTxCode;
  additionalInfo: string;
  details: TransactionDetail[];
  /** Batch count and total the entry states for its details, when given. */
  batch: { count: number | null; amount: string | null };
}

export type BalanceType = 'opening' | 'closing' | 'available' | 'forward_available' | 'interim';

export interface StatementBalance {
  statement: StatementRef;
  /** 1-based position within the statement. */
  index: number;
  path: string;
  /** OPBD, PRCD, CLBD, CLAV, ITBD, ITAV, FWAV, … (MT940 tags are mapped to these). */
  code: string;
  /** The catalogue balance type, or null for codes the catalogue has no type for. */
  type: BalanceType | null;
  /** Signed: negative when the balance is a debit. */
  amount: string;
  currency: string;
  date: string;
}

export type StatusLevel = 'group' | 'payment_info' | 'transaction';

export interface PaymentStatus {
  level: StatusLevel;
  /** Event/row key below the file: g, p2, p2:t5. */
  key: string;
  path: string;
  source: string;
  reportMessageId: string;
  reportCreatedAt: string;
  originalMessageId: string;
  originalMessageType: string;
  originalPaymentInfoId: string;
  originalInstructionId: string;
  originalEndToEndId: string;
  status: string;
  reasonCode: string;
  reasonText: string;
  amount: string | null;
  currency: string;
  accountServicerRef: string;
  acceptedAt: string;
}

/** One credit transfer of a pain.001 initiation (a copy of what was sent to the bank). */
export interface PaymentInstruction {
  key: string;
  path: string;
  source: string;
  messageId: string;
  createdAt: string;
  paymentInfoId: string;
  instructionId: string;
  endToEndId: string;
  amount: string;
  currency: string;
  requestedDate: string;
  debtorAccount: string;
  creditorName: string;
  creditorAccount: string;
  remittance: string;
}

export type CheckOutcome = 'passed' | 'failed' | 'partial' | 'skipped';

export interface CheckResult {
  check: string;
  scope: string;
  outcome: CheckOutcome;
  expected: string;
  actual: string;
  detail: string;
}

/** Receives what a parser reads, record by record, so nothing needs the whole file in memory. */
export interface BankRecordSink {
  file(info: { messageId: string; createdAt: string; source: string }): void;
  statement(statement: StatementRef): void;
  entry(entry: StatementEntry): void;
  balance(balance: StatementBalance): void;
  status(status: PaymentStatus): void;
  instruction(instruction: PaymentInstruction): void;
  check(result: CheckResult): void;
}

/** A file that cannot be taken: the reason and where (element path or MT940 line). */
export class BankFileRefusal extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    /** 400: not a readable bank file at all; 422: a bank file with invalid content; 403: a bank the API key may not send for. */
    readonly status: 400 | 403 | 422 = 422,
    readonly line?: number,
  ) {
    super(`${path}: ${reason}`);
  }
}
