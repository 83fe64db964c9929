// The middleware flows that carry documents between the group's systems. MuleSoft flows
// report OpenTelemetry spans; the bank connector does not speak OTLP and reports its
// messages as integration.message.* events instead.

export type FlowName =
  | 'ap-invoice-to-erp'
  | 'erp-payment-run-to-treasury'
  | 'treasury-payment-to-bank'
  | 'erp-invoice-to-crm'
  | 'bank-status-inbound'
  | 'bank-statement-inbound';

export interface IntegrationFlow {
  name: FlowName;
  /** Index used to derive the flow's outage schedule. */
  index: number;
  telemetry: 'otlp' | 'events';
  /** CloudEvents source of integration.message.* events, or the OTLP service.name. */
  source: string;
  messagingSystem: string;
  from: string;
  to: string;
}

const mulesoft = 'middleware/mulesoft';
const bankConnect = 'middleware/bank-connect';

export const integrationFlows: Readonly<Record<FlowName, IntegrationFlow>> = {
  'ap-invoice-to-erp': { name: 'ap-invoice-to-erp', index: 0, telemetry: 'otlp', source: mulesoft, messagingSystem: 'anypoint_mq', from: 'coupa', to: 'erp' },
  'erp-payment-run-to-treasury': { name: 'erp-payment-run-to-treasury', index: 1, telemetry: 'otlp', source: mulesoft, messagingSystem: 'anypoint_mq', from: 'erp', to: 'kyriba' },
  'treasury-payment-to-bank': { name: 'treasury-payment-to-bank', index: 2, telemetry: 'otlp', source: mulesoft, messagingSystem: 'sftp', from: 'kyriba', to: 'bank' },
  'erp-invoice-to-crm': { name: 'erp-invoice-to-crm', index: 3, telemetry: 'otlp', source: mulesoft, messagingSystem: 'kafka', from: 'erp', to: 'salesforce' },
  'bank-status-inbound': { name: 'bank-status-inbound', index: 4, telemetry: 'events', source: bankConnect, messagingSystem: 'ebics', from: 'bank', to: 'kyriba' },
  'bank-statement-inbound': { name: 'bank-statement-inbound', index: 5, telemetry: 'events', source: bankConnect, messagingSystem: 'ebics', from: 'bank', to: 'erp' },
};

export const flowList: readonly IntegrationFlow[] = Object.values(integrationFlows);
