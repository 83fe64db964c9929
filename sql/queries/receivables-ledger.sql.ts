// The order-to-cash ledger as it stood at a moment, one row per document, recomputed from
// the events whose business time is not after that moment (each delivery counted once:
// LIMIT 1 BY source, id; the latest value by business time wins, ties by source and id):
//   customer invoices  amount from `finance.customer_invoice.issued`, written off or not;
//   receipts           amount, the invoice they name (correlation_id), first seen, applied;
//   commitments        the CRM promise to pay: latest amount and promised_date over the
//                      `finance.collection.commitment` and `.milestone` events of the
//                      commitment document, made at its first commitment event.
// Open receivables of an invoice = issued amount − applied receipts of the same customer
// naming it (0 when written off; never floored, so an overpayment shows as a credit).
import { chSql, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';

export interface LedgerScope {
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC: only events with business time up to here. */
  now: string;
  entities?: string[];
}

const latest = chSql`(time, source, id)`;

function knownEvents(scope: LedgerScope, documentType: string): ChSql {
  const entities = scope.entities?.length ? chSql`AND entity IN ${p.strings(scope.entities)}` : chSql``;
  return chSql`(SELECT * FROM finance_events
    WHERE document_type = ${p.string(documentType)} AND time <= ${p.dateTime64(scope.now)} ${entities}
    LIMIT 1 BY source, id)`;
}

const partyColumns = chSql`
  argMaxIf(currency, ${latest}, currency != '') AS currency,
  argMaxIf(counterparty_id, ${latest}, counterparty_id != '') AS counterparty_id,
  argMaxIf(counterparty_name, ${latest}, counterparty_name != '') AS counterparty_name,
  argMaxIf(correlation_id, ${latest}, correlation_id != '') AS correlation_id,
  groupUniqArray(source) AS sources`;

/** Keeps documents with a known amount, as a non-null `amount` column. */
function withAmount(documents: ChSql): ChSql {
  return chSql`(SELECT * EXCEPT (doc_amount), assumeNotNull(doc_amount) AS amount FROM (${documents}) WHERE doc_amount IS NOT NULL)`;
}

/** Issued customer invoices: amount as issued, written_off (0/1). */
export function customerInvoicesSql(scope: LedgerScope): ChSql {
  return withAmount(chSql`SELECT entity, document_id,
      argMaxIf(amount, ${latest}, type = 'finance.customer_invoice.issued' AND amount IS NOT NULL) AS doc_amount,
      ${partyColumns},
      countIf(type = 'finance.customer_invoice.written_off') > 0 AS written_off
    FROM ${knownEvents(scope, 'customer_invoice')}
    GROUP BY entity, document_id`);
}

/** Customer receipts: amount, first seen (arrived_at), applied in the ERP (0/1). */
export function customerReceiptsSql(scope: LedgerScope): ChSql {
  return withAmount(chSql`SELECT entity, document_id,
      argMaxIf(amount, ${latest}, amount IS NOT NULL) AS doc_amount,
      ${partyColumns},
      min(time) AS arrived_at,
      countIf(type = 'finance.receipt.applied') > 0 AS applied
    FROM ${knownEvents(scope, 'receipt')}
    GROUP BY entity, document_id`);
}

/** Collection commitments: latest amount and promised date, when the promise was made. */
export function collectionCommitmentsSql(scope: LedgerScope): ChSql {
  const promised = chSql`JSONExtractString(data, 'promised_date')`;
  return withAmount(chSql`SELECT entity, document_id,
      argMaxIf(amount, ${latest}, amount IS NOT NULL) AS doc_amount,
      toDate32OrNull(argMaxIf(${promised}, ${latest}, ${promised} != '')) AS promised_date,
      ${partyColumns},
      minIf(time, type = 'finance.collection.commitment') AS made_at
    FROM ${knownEvents(scope, 'collection_commitment')}
    GROUP BY entity, document_id
    HAVING countIf(type = 'finance.collection.commitment') > 0 AND promised_date IS NOT NULL`);
}

/**
 * Open receivables items, one row per (entity, customer, currency, invoice_key): an issued
 * invoice with the applied receipts that name it (open = amount − receipts; 0 if written
 * off), or — is_invoice = 0 — applied receipts naming no known invoice of that customer
 * (cash on account, a negative open amount). A customer's balance is the sum of its items.
 */
export function openReceivablesItemsSql(scope: LedgerScope): ChSql {
  return chSql`(SELECT entity, counterparty_id, currency, invoice_key,
      countIf(invoice_line = 1) > 0 AS is_invoice,
      if(max(written_off), toDecimal128(0, 4), sum(amount)) AS open,
      groupUniqArrayArray(sources) AS sources
    FROM (SELECT entity, counterparty_id, currency, document_id AS invoice_key, 1 AS invoice_line, written_off, amount, sources
          FROM ${customerInvoicesSql(scope)}
          UNION ALL
          SELECT entity, counterparty_id, currency, correlation_id AS invoice_key, 0 AS invoice_line, 0 AS written_off, -amount AS amount, sources
          FROM ${customerReceiptsSql(scope)} WHERE applied)
    GROUP BY entity, counterparty_id, currency, invoice_key)`;
}
