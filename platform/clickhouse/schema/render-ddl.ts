// Renders the DDL templates in sql/clickhouse/ for one server or for a cluster.
//
// Templates use four placeholders so one file serves both deployments:
//   {{table:name}}                 the table a statement creates
//   {{on_cluster}}                 ON CLUSTER <cluster>, or nothing
//   {{engine:Family(args)}}        a *MergeTree engine, Replicated* on a cluster
//   {{distributed:name:key}}       the Distributed table over name's shards, or nothing
//   {{distributed_alter:name:clause}} ALTER TABLE name ON CLUSTER <cluster> clause — the same
//                                  change on the Distributed front — or nothing
// On a cluster, data lives in `<name>_local` (Replicated) and `<name>` is the Distributed
// table in front of it, so queries and inserts address `<name>` in both deployments.

export interface DdlTarget {
  /** Cluster name from CLICKHOUSE_CLUSTER, or undefined for a single server. */
  cluster?: string;
}

const placeholder = /\{\{(table|on_cluster|engine|distributed_alter|distributed)(?::([^}]*))?\}\}/g;

/** Renders one template into its executable statements (comments and empty statements dropped). */
export function renderDdl(template: string, target: DdlTarget): string[] {
  return splitStatements(template).map((statement) => renderStatement(statement, target)).filter((s) => s.length > 0);
}

function renderStatement(statement: string, target: DdlTarget): string {
  const table = tableOf(statement);
  return statement
    .replace(placeholder, (_match, kind: string, arg = '') => {
      switch (kind) {
        case 'table':
          return target.cluster ? `${arg}_local` : arg;
        case 'on_cluster':
          return target.cluster ? `ON CLUSTER ${target.cluster}` : '';
        case 'engine':
          return target.cluster ? replicatedEngine(arg, `${table}_local`) : arg;
        case 'distributed':
          return target.cluster ? distributedTable(arg, target.cluster) : '';
        case 'distributed_alter':
          return target.cluster ? distributedAlter(arg, target.cluster) : '';
        default:
          throw new Error(`unknown DDL placeholder {{${kind}}}`);
      }
    })
    .trim();
}

function tableOf(template: string): string {
  const m = /\{\{table:([A-Za-z_][A-Za-z0-9_]*)\}\}/.exec(template);
  return m?.[1] ?? '';
}

function replicatedEngine(engine: string, localTable: string): string {
  const m = /^([A-Za-z]*MergeTree)\((.*)\)$/.exec(engine.trim());
  if (!m) throw new Error(`engine placeholder must look like Family(args), got "${engine}"`);
  const [, family, args] = m;
  const zkPath = `'/clickhouse/tables/{shard}/{database}/${localTable}'`;
  const replicaArgs = [zkPath, `'{replica}'`, ...(args!.trim() ? [args!.trim()] : [])].join(', ');
  return `Replicated${family}(${replicaArgs})`;
}

function distributedTable(arg: string, cluster: string): string {
  const [name, ...keyParts] = arg.split(':');
  const key = keyParts.join(':').trim() || 'rand()';
  return (
    `CREATE TABLE IF NOT EXISTS ${name} ON CLUSTER ${cluster} AS ${name}_local\n` +
    `ENGINE = Distributed(${cluster}, currentDatabase(), ${name}_local, ${key})`
  );
}

function distributedAlter(arg: string, cluster: string): string {
  const [name, ...clause] = arg.split(':');
  return `ALTER TABLE ${name} ON CLUSTER ${cluster} ${clause.join(':').trim()}`;
}

/** Splits on semicolons at the end of a line; DDL templates keep one statement per block. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
