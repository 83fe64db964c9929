// The money components of close risk, most specific first: a document at risk in several
// (a sent payment without bank status is also unsettled and stuck; a duplicate invoice may
// also be stuck) counts once, in the first that lists it, so money is never counted twice
// in one score. Adding a component: one file here and one line below.
import type { MoneyRiskComponent } from '../component.ts';
import { delayedConfirmationsComponent } from './delayed-confirmations.ts';
import { duplicatePaymentRiskComponent } from './duplicate-payment-risk.ts';
import { receivablesMisalignmentComponent } from './receivables-misalignment.ts';
import { stuckDocumentsComponent } from './stuck-documents.ts';
import { unmatchedPaymentsComponent } from './unmatched-payments.ts';

export const moneyRiskComponents: readonly MoneyRiskComponent[] = [
  delayedConfirmationsComponent,
  unmatchedPaymentsComponent,
  duplicatePaymentRiskComponent,
  receivablesMisalignmentComponent,
  stuckDocumentsComponent,
];
