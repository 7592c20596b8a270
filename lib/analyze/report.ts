import { AnalyzerOptions, ConnectivityAnalyzer } from './analyzer';
import { NamespaceInfo, PodInfo, TransportProtocol } from './inventory';

/** The cluster a report is written for. */
export interface ReportInventory {
  readonly namespaces: NamespaceInfo[];
  readonly pods: PodInfo[];
  /** Destinations outside the cluster to probe: DNS names, addresses, `kube-apiserver`. @default - none */
  readonly externals?: string[];
  readonly options?: AnalyzerOptions;
}

export interface AllowedFlow {
  readonly from: string;
  readonly to: string;
  /** e.g. `any TCP`, `53/UDP`, `10002-19999/TCP`. */
  readonly ports: readonly string[];
}

const PROTOCOLS: readonly TransportProtocol[] = ['TCP', 'UDP', 'SCTP'];
/** Ports no policy is expected to name: allowed on all of them means "any port". */
const SENTINELS = [1, 32767, 65535];

interface Candidate {
  readonly port: number;
  readonly endPort?: number;
  readonly protocol: TransportProtocol;
}

/**
 * Every flow a policy restricts (its source is egress-isolated or its destination ingress-isolated), with the ports
 * it allows.
 */
export function allowedFlows(analyzer: ConnectivityAnalyzer, manifests: readonly object[], externals: readonly string[] = []): AllowedFlow[] {
  const candidates = candidatePorts(analyzer, manifests);
  const isolation = new Map(analyzer.pods.map((p) => [p.ref, analyzer.isolation(p.ref)]));
  const flows: AllowedFlow[] = [];
  for (const source of analyzer.pods) {
    for (const to of [...analyzer.pods.map((p) => p.ref), ...externals]) {
      if (to === source.ref || (!isolation.get(source.ref)!.egress && !isolation.get(to)?.ingress)) continue;
      const allowed = (port: number, protocol: TransportProtocol) => analyzer.isAllowed({ from: source.ref, to, port, protocol });
      const ports = PROTOCOLS.flatMap((protocol) => {
        if (SENTINELS.every((port) => allowed(port, protocol))) return [`any ${protocol}`];
        return candidates.filter((c) => c.protocol === protocol && allowed(c.port, protocol) && (c.endPort === undefined || allowed(c.endPort, protocol)))
          .map((c) => `${c.port}${c.endPort !== undefined ? `-${c.endPort}` : ''}/${protocol}`);
      });
      if (ports.length > 0) flows.push({ from: source.ref, to, ports });
    }
  }
  return flows;
}

function candidatePorts(analyzer: ConnectivityAnalyzer, manifests: readonly object[]): Candidate[] {
  const found = new Map<string, Candidate>();
  const add = (port: number, endPort: number | undefined, protocols: readonly string[]) => {
    for (const protocol of protocols.filter((p): p is TransportProtocol => PROTOCOLS.includes(p as TransportProtocol))) {
      const candidate = { port, endPort: endPort !== undefined && endPort > port ? endPort : undefined, protocol };
      found.set(`${protocol}/${port}/${candidate.endPort ?? ''}`, candidate);
    }
  };
  for (const pod of analyzer.pods) for (const p of pod.ports) add(p.port, undefined, [p.protocol]);
  for (const manifest of manifests as any[]) {
    if (manifest?.kind === 'NetworkPolicy') {
      for (const rule of [...(manifest.spec?.ingress ?? []), ...(manifest.spec?.egress ?? [])]) {
        for (const p of rule.ports ?? []) if (typeof p.port === 'number') add(p.port, p.endPort, [p.protocol ?? 'TCP']);
      }
    } else if (manifest?.kind === 'CiliumNetworkPolicy' || manifest?.kind === 'CiliumClusterwideNetworkPolicy') {
      for (const spec of [manifest.spec, ...(manifest.specs ?? [])].filter(Boolean)) {
        for (const section of ['ingress', 'egress', 'ingressDeny', 'egressDeny']) {
          for (const rule of spec[section] ?? []) {
            for (const portRule of rule.toPorts ?? []) {
              for (const p of portRule.ports ?? []) {
                if (/^[1-9][0-9]*$/.test(String(p.port))) add(Number(p.port), p.endPort, !p.protocol || p.protocol === 'ANY' ? PROTOCOLS : [p.protocol]);
              }
            }
          }
        }
      }
    }
  }
  return [...found.values()].sort((a, b) => a.port - b.port || (a.endPort ?? 0) - (b.endPort ?? 0) || a.protocol.localeCompare(b.protocol));
}

/** Markdown: a table of allowed flows per namespace and a Mermaid graph; deterministic, for review in pull requests. */
export function connectivityReport(title: string, analyzer: ConnectivityAnalyzer, manifests: readonly object[], externals: readonly string[] = []): string {
  const flows = allowedFlows(analyzer, manifests, externals);
  const namespaceOf = (ref: string) => (ref.includes('/') ? ref.split('/')[0] : undefined);
  const isolation = new Map(analyzer.pods.map((p) => [p.ref, analyzer.isolation(p.ref)]));
  const governing = new Set(flows.flatMap((f) => [f.from, f.to]));
  // A flow is listed under each namespace whose policies restrict it: the source's for egress, the destination's for ingress.
  const listedUnder = (f: AllowedFlow, ns: string) => (isolation.get(f.from)!.egress && namespaceOf(f.from) === ns)
    || (isolation.get(f.to)?.ingress === true && namespaceOf(f.to) === ns);
  const lines = [
    `# Connectivity: ${title}`,
    '',
    `What the policies in this folder allow, evaluated by cdk8s-ml-netpol's analyzer (${analyzer.dataplane} dataplane) against the`,
    'platform inventory. Only flows a policy restricts are listed (its source is egress-isolated or its destination',
    'ingress-isolated). "any TCP" means every probed TCP port, policy ports and 1, 32767, 65535 included.',
    '',
  ];
  const namespaces = [...new Set(analyzer.pods.map((p) => p.namespace))].sort();
  for (const ns of namespaces) {
    const rows = flows.filter((f) => listedUnder(f, ns));
    if (rows.length === 0) continue;
    lines.push(`## ${ns}`, '', '| from | to | allowed |', '|---|---|---|');
    for (const row of rows) lines.push(`| ${row.from} | ${row.to} | ${row.ports.join(', ')} |`);
    const open = analyzer.pods.filter((p) => p.namespace === ns && !isolation.get(p.ref)!.ingress && !isolation.get(p.ref)!.egress).map((p) => p.ref);
    if (open.length) lines.push('', `Isolated by no policy (only deny rules restrict them): ${open.join(', ')}`);
    lines.push('');
  }
  lines.push('## Graph', '', '```mermaid', 'flowchart LR');
  const ids = new Map<string, string>();
  const idOf = (ref: string) => {
    if (!ids.has(ref)) ids.set(ref, `n${ids.size}`);
    return ids.get(ref)!;
  };
  const nodes = [...governing].sort();
  for (const ns of namespaces) {
    const members = nodes.filter((n) => namespaceOf(n) === ns);
    if (members.length === 0) continue;
    lines.push(`  subgraph ns_${ns.replace(/[^a-zA-Z0-9]/g, '_')}["${ns}"]`);
    for (const m of members) lines.push(`    ${idOf(m)}["${m.split('/')[1]}"]`);
    lines.push('  end');
  }
  for (const ext of nodes.filter((n) => namespaceOf(n) === undefined)) lines.push(`  ${idOf(ext)}(["${ext}"])`);
  for (const f of flows) lines.push(`  ${idOf(f.from)} -->|"${f.ports.join(', ')}"| ${idOf(f.to)}`);
  lines.push('```', '');
  return lines.join('\n');
}
