// ISO 20022 external status reason codes the simulated banks use when they reject a payment
// (pain.002 RJCT) or return one after settlement (pacs.004 / camt.054 return).
import type { Rng } from '../company/prng.ts';

export interface ReasonCode {
  code: string;
  text: string;
}

const rejectReasons: readonly ReasonCode[] = [
  { code: 'AC01', text: 'Incorrect account number' },
  { code: 'AC04', text: 'Closed account number' },
  { code: 'AC06', text: 'Blocked account' },
  { code: 'AM04', text: 'Insufficient funds' },
  { code: 'AM05', text: 'Duplication' },
  { code: 'MS03', text: 'Reason not specified (agent generated)' },
  { code: 'RC01', text: 'Bank identifier incorrect' },
  { code: 'BE04', text: 'Missing creditor address' },
  { code: 'AG01', text: 'Transaction forbidden' },
  { code: 'RR04', text: 'Regulatory reason' },
];

const returnReasons: readonly ReasonCode[] = [
  { code: 'AC04', text: 'Closed account number' },
  { code: 'AC06', text: 'Blocked account' },
  { code: 'AC01', text: 'Incorrect account number' },
  { code: 'MD07', text: 'End customer deceased' },
  { code: 'MS02', text: 'Reason not specified (customer generated)' },
  { code: 'AM05', text: 'Duplication' },
  { code: 'RR01', text: 'Missing debtor account or identification' },
];

export const rejectReason = (rng: Rng): ReasonCode => rng.pick(rejectReasons);
export const returnReason = (rng: Rng): ReasonCode => rng.pick(returnReasons);
export const allReasonCodes = new Set([...rejectReasons, ...returnReasons].map((r) => r.code));
