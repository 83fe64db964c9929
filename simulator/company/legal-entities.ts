// The legal entities of the simulated group (Aurelia Industrial Group, reporting in EUR):
// where each sits, what it books in, which AP and ERP systems serve it, and its bank accounts.
import { iban } from './bank-references.ts';
import type { CurrencyCode } from './money.ts';

export interface BankAccount {
  /** The account identifier banks put on statements (an IBAN where the country uses one). */
  account: string;
  /** CloudEvents source of the bank's connector, e.g. bank/deutsche-bank. */
  bankSource: string;
  bic: string;
  /** Operating accounts pay suppliers; collection accounts receive customer money. */
  role: 'operating' | 'collections';
}

export interface LegalEntity {
  code: string;
  name: string;
  country: string;
  currency: CurrencyCode;
  timeZone: string;
  apSource: string;
  erpSource: string;
  /** Share of the group's document volume. */
  weight: number;
  /** Supplier payment terms offered, in days. */
  paymentTerms: readonly number[];
  accounts: readonly [BankAccount, BankAccount];
}

export const reportingCurrency: CurrencyCode = 'EUR';
export const treasurySource = 'treasury/kyriba';
export const crmSource = 'crm/salesforce';
/** The pseudo-entity that owns group-wide facts such as FX rates. */
export const groupEntity = 'GROUP';

const account = (bankSource: string, bic: string, id: string, role: BankAccount['role']): BankAccount => ({ account: id, bankSource, bic, role });

export const legalEntities: readonly LegalEntity[] = [
  {
    code: 'DE01', name: 'Aurelia Industrial GmbH', country: 'DE', currency: 'EUR', timeZone: 'Europe/Berlin',
    apSource: 'ap/coupa-eu', erpSource: 'erp/sap-s4', weight: 0.3, paymentTerms: [14, 30, 30, 45],
    accounts: [
      account('bank/deutsche-bank', 'DEUTDEFFXXX', iban('DE', '500700100532013000'), 'operating'),
      account('bank/commerzbank', 'COBADEFFXXX', iban('DE', '500400000412345678'), 'collections'),
    ],
  },
  {
    code: 'GB01', name: 'Aurelia Industrial Ltd', country: 'GB', currency: 'GBP', timeZone: 'Europe/London',
    apSource: 'ap/coupa-eu', erpSource: 'erp/sap-s4', weight: 0.2, paymentTerms: [30, 30, 60],
    accounts: [
      account('bank/hsbc-uk', 'HBUKGB4BXXX', iban('GB', 'HBUK40127612345678'), 'operating'),
      account('bank/barclays', 'BARCGB22XXX', iban('GB', 'BARC20000055779911'), 'collections'),
    ],
  },
  {
    code: 'US01', name: 'Aurelia Industrial Inc.', country: 'US', currency: 'USD', timeZone: 'America/New_York',
    apSource: 'ap/coupa-us', erpSource: 'erp/oracle-fusion', weight: 0.25, paymentTerms: [30, 30, 45, 60],
    accounts: [
      account('bank/jpmorgan-chase', 'CHASUS33XXX', '021000021-483920175', 'operating'),
      account('bank/citibank', 'CITIUS33XXX', '021000089-700183422', 'collections'),
    ],
  },
  {
    code: 'NL01', name: 'Aurelia Industrial B.V.', country: 'NL', currency: 'EUR', timeZone: 'Europe/Amsterdam',
    apSource: 'ap/coupa-eu', erpSource: 'erp/sap-s4', weight: 0.15, paymentTerms: [14, 30, 30],
    accounts: [
      account('bank/ing', 'INGBNL2AXXX', iban('NL', 'INGB0001234567'), 'operating'),
      account('bank/abn-amro', 'ABNANL2AXXX', iban('NL', 'ABNA0417164300'), 'collections'),
    ],
  },
  {
    code: 'JP01', name: 'アウレリア工業株式会社', country: 'JP', currency: 'JPY', timeZone: 'Asia/Tokyo',
    apSource: 'ap/coupa-apac', erpSource: 'erp/sap-s4', weight: 0.1, paymentTerms: [30, 60],
    accounts: [
      account('bank/mufg', 'BOTKJPJTXXX', '0005-001-1234567', 'operating'),
      account('bank/smbc', 'SMBCJPJTXXX', '0009-250-7654321', 'collections'),
    ],
  },
];

export function operatingAccount(entity: LegalEntity): BankAccount {
  return entity.accounts[0];
}

export function collectionsAccount(entity: LegalEntity): BankAccount {
  return entity.accounts[1];
}
