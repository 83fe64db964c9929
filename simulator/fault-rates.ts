// The faults the simulated company suffers and how often. Document faults are per
// document (or per payment, receipt, commitment); delivery faults are per event; an
// outage is per business day (one flow goes down).

export interface FaultRates {
  /** Supplier invoice approved but never posted to the ERP. */
  stuckApproval: number;
  /** Payment sent to the bank, never confirmed, never booked. */
  stuckPayment: number;
  /** The bank's status report is lost in middleware (dead-lettered); the entry still books. */
  missingConfirmation: number;
  /** The bank rejects the payment (AC01, AC04, AM04, MS03, …). */
  bankReject: number;
  /** The payment settles, then comes back (AC04, AC06, MD07, …). */
  bankReturn: number;
  /** Customer money arrives at the bank but is never applied in the ERP. */
  unappliedReceipt: number;
  /** Customer promises to pay by a date and does not. */
  brokenPromise: number;
  /** The same supplier invoice is captured twice with a near-identical reference. */
  duplicateInvoice: number;
  /** An event is delivered twice (same source and id). */
  duplicateDelivery: number;
  /** An event is delivered late, after events that happened after it. */
  outOfOrder: number;
  /** A source sends a record that cannot be accepted. */
  malformed: number;
  /** Per business day: one middleware flow goes silent for a while, then delivers in a burst. */
  flowOutage: number;
}

export type FaultKind = keyof FaultRates;

export const defaultFaultRates: Readonly<FaultRates> = {
  stuckApproval: 0.02,
  stuckPayment: 0.015,
  missingConfirmation: 0.02,
  bankReject: 0.02,
  bankReturn: 0.015,
  unappliedReceipt: 0.04,
  brokenPromise: 0.15,
  duplicateInvoice: 0.01,
  duplicateDelivery: 0.01,
  outOfOrder: 0.01,
  malformed: 0.004,
  flowOutage: 0.8,
};

export const faultKinds = Object.keys(defaultFaultRates) as FaultKind[];

/** Default rates overridden by the given ones; each must be a probability. */
export function resolveFaultRates(overrides: Partial<FaultRates> = {}): FaultRates {
  const rates = { ...defaultFaultRates, ...overrides };
  for (const kind of faultKinds) {
    const p = rates[kind];
    if (!(p >= 0 && p <= 1)) throw new RangeError(`fault rate ${kind} must be between 0 and 1 (got ${p})`);
  }
  return rates;
}
