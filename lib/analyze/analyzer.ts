import { parseIp } from '../common/cidr';
import { expandLists } from '../common/manifest-list';
import { validateManifests } from '../validate/validate';
import { BitSet } from './bitset';
import { matchesFqdn } from './cilium-identity';
import { compileCiliumPolicy } from './cilium-policy';
import { buildPods, Endpoint, NamespaceInfo, Pod, PodInfo, RESERVED_ENTITIES, TransportProtocol } from './inventory';
import { compileNetworkPolicy } from './kubernetes-policy';
import { CompiledPolicy, CompiledRule, Direction } from './policy-model';

export interface AnalyzerOptions {
  /**
   * Which dataplane enforces the policies. `cilium` reads NetworkPolicies the way Cilium does (ipBlock never
   * selects pods) and adds CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy; `kubernetes` ignores Cilium objects.
   * @default - 'cilium' when the manifests hold Cilium policies, else 'kubernetes'
   */
  readonly dataplane?: 'kubernetes' | 'cilium';
  /**
   * `kubernetes` dataplane: whether an ipBlock selects pods whose IP it contains (the conformance reading).
   * @default true
   */
  readonly ipBlockMatchesPodIps?: boolean;
  /** Endpoint IPs of the API server: `kube-apiserver` (or one of these IPs) names it as an endpoint. @default - none */
  readonly kubeApiServerIps?: string[];
  /** Addresses of DNS names, so that CIDR rules can match a DNS-name destination. @default - none */
  readonly dnsAddresses?: { readonly [name: string]: string };
  /** Cilium `enable-policy`: `always` makes every pod default-deny. @default 'default' */
  readonly ciliumPolicyEnforcement?: 'default' | 'always';
  /**
   * Leave out the objects the API server or the Cilium agent would reject (validateManifests errors), as the cluster
   * does: the agent drops such a policy whole. Either way `notes` names them.
   * @default false - evaluate every object as written
   */
  readonly excludeRejected?: boolean;
}

export interface ConnectivityAnalyzerProps {
  readonly namespaces: NamespaceInfo[];
  readonly pods: PodInfo[];
  /** Objects as authored or synthesized (`List` objects are expanded); kinds other than the three policy kinds are ignored. */
  readonly manifests: readonly object[];
  readonly options?: AnalyzerOptions;
}

export interface ConnectionQuery {
  /** `namespace/pod`, an IP, or `entity:<host|remote-node|kube-apiserver|ingress|…>`. */
  readonly from: string;
  /** `namespace/pod`, an IP, a DNS name, `kube-apiserver` or `entity:<name>`. */
  readonly to: string;
  /** A number, or a named container port of the destination pod. */
  readonly port: number | string;
  /** @default 'TCP' */
  readonly protocol?: TransportProtocol;
}

/** The verdict of one side (the source's egress, or the destination's ingress). */
export interface DirectionVerdict {
  readonly pod: string;
  readonly direction: Direction;
  readonly allowed: boolean;
  /** Policies (Cilium: policy rules) selecting the pod. */
  readonly selectedBy: readonly string[];
  /** Whether any of them makes the pod default-deny in this direction. */
  readonly isolated: boolean;
  /** Allow rules that match the connection. */
  readonly allowedBy: readonly string[];
  /** Cilium deny rules that match the connection (they win over any allow). */
  readonly deniedBy: readonly string[];
  readonly reason: string;
}

export interface Explanation {
  readonly allowed: boolean;
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: TransportProtocol;
  /** The source's egress side; absent when the source is not a pod. */
  readonly egress?: DirectionVerdict;
  /** The destination's ingress side; absent when the destination is not a pod. */
  readonly ingress?: DirectionVerdict;
  /** Things in the manifests the analyzer could not evaluate. */
  readonly notes: readonly string[];
  /**
   * Set when the verdict is a guess: a hostNetwork pod is involved, and plugins treat its traffic either as pod or as
   * node traffic (netpol-semantics.md section 8). The verdict above is the pod reading.
   */
  readonly undetermined?: string;
  /** A readable account of the decision. */
  readonly summary: string;
}

const POLICY_KINDS = ['NetworkPolicy', 'CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'];
/** Policy kinds evaluated around NetworkPolicy (Admin/Baseline tiers) that this analyzer does not model. */
const UNSUPPORTED_KINDS = ['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy'];

/** Evaluates NetworkPolicy and Cilium policies against a cluster inventory: which connections are allowed, and why. */
export class ConnectivityAnalyzer {
  public readonly pods: readonly Pod[];
  public readonly policies: readonly CompiledPolicy[];
  public readonly dataplane: 'kubernetes' | 'cilium';
  public readonly notes: readonly string[];

  private readonly podsByRef: Map<string, Pod>;
  private readonly podsByIp: Map<string, Pod>;
  private readonly options: AnalyzerOptions;
  private readonly selecting = new Map<number, CompiledPolicy[]>();

  public constructor(props: ConnectivityAnalyzerProps) {
    this.options = props.options ?? {};
    this.pods = buildPods(props.namespaces, props.pods);
    this.podsByRef = new Map(this.pods.map((p) => [p.ref, p]));
    this.podsByIp = new Map(this.pods.filter((p) => p.ip).map((p) => [`${p.ip!.family}:${p.ip!.value}`, p]));
    const manifests = expandLists(props.manifests);
    const policyManifests = manifests.filter((m: any) => POLICY_KINDS.includes(m?.kind)) as any[];
    const hasCilium = policyManifests.some((m) => m.kind !== 'NetworkPolicy');
    this.dataplane = this.options.dataplane ?? (hasCilium ? 'cilium' : 'kubernetes');
    const ipBlockMatchesPodIps = this.dataplane === 'kubernetes' && (this.options.ipBlockMatchesPodIps ?? true);
    const notes: string[] = [];
    const rejected = new Set<string>();
    for (const finding of validateManifests(policyManifests).filter((f) => f.severity === 'error')) {
      const key = `${finding.kind} ${finding.namespace ? `${finding.namespace}/` : ''}${finding.name}`;
      if (rejected.has(key)) continue;
      rejected.add(key);
      notes.push(`${key} would be rejected (${finding.path || '/'}: ${finding.message}); ${this.options.excludeRejected ? 'left out, as the cluster would' : 'evaluated as written'}`);
    }
    this.policies = policyManifests.flatMap((m) => {
      if (this.options.excludeRejected && rejected.has(`${m.kind} ${m.metadata?.namespace ? `${m.metadata.namespace}/` : ''}${m.metadata?.name}`)) return [];
      try {
        if (m.kind === 'NetworkPolicy') return [compileNetworkPolicy(m, { ipBlockMatchesPodIps, ipBlockMatchesNodeIps: this.dataplane === 'kubernetes' })];
        return this.dataplane === 'cilium' ? compileCiliumPolicy(m) : [];
      } catch (e) {
        notes.push(`${m.kind} ${m.metadata?.name} cannot be read and is not evaluated: ${(e as Error).message}`);
        return [];
      }
    });
    this.notes = [
      ...manifests.filter((m: any) => UNSUPPORTED_KINDS.includes(m?.kind)).map((m: any) =>
        `${m.kind} ${m.metadata?.name} is not evaluated: its tiers act before and after NetworkPolicy, so verdicts that it affects are wrong`),
      ...notes,
      ...this.policies.flatMap((p) => p.notes),
      ...(hasCilium && this.dataplane === 'kubernetes' ? ['Cilium policies are ignored: the kubernetes dataplane does not enforce them'] : []),
    ];
  }

  public isAllowed(query: ConnectionQuery): boolean {
    return this.explain(query).allowed;
  }

  public explain(query: ConnectionQuery): Explanation {
    const protocol = (query.protocol ?? 'TCP').toUpperCase() as TransportProtocol;
    if (!['TCP', 'UDP', 'SCTP'].includes(protocol)) throw new Error(`protocol ${JSON.stringify(query.protocol)} is not TCP, UDP or SCTP`);
    const source = this.resolve(query.from, 'from');
    const destination = this.resolve(query.to, 'to');
    const port = this.resolvePort(query.port, protocol, destination, query.to);
    const egress = source.kind === 'pod' ? this.decide(source.pod, 'egress', destination, port, protocol, destination) : undefined;
    const ingress = destination.kind === 'pod' ? this.decide(destination.pod, 'ingress', source, port, protocol, destination) : undefined;
    const allowed = (egress?.allowed ?? true) && (ingress?.allowed ?? true);
    const summary = [
      `${query.from} -> ${query.to} ${port}/${protocol}: ${allowed ? 'ALLOWED' : 'DENIED'} (${this.dataplane} dataplane)`,
      egress ? `  egress of ${egress.pod}: ${egress.allowed ? 'allowed' : 'denied'}, ${egress.reason}` : `  ${query.from} is not a pod: no egress policy applies`,
      ingress ? `  ingress of ${ingress.pod}: ${ingress.allowed ? 'allowed' : 'denied'}, ${ingress.reason}` : `  ${query.to} is not a pod: no ingress policy applies`,
    ].join('\n');
    const explanation = { allowed, from: query.from, to: query.to, port, protocol, egress, ingress, notes: this.notes, summary };
    const hostNetworkPod = [source, destination].flatMap((e) => (e.kind === 'pod' && e.pod.hostNetwork ? [e.pod.ref] : []))[0];
    if (!hostNetworkPod) return explanation;
    const undetermined = `${hostNetworkPod} uses hostNetwork: plugins differ on whether policies apply to it as a pod or as its node`;
    return { ...explanation, undetermined, summary: `${summary}\n  UNDETERMINED: ${undetermined}` };
  }

  /** For every pod of the inventory, the pods it may open `port`/`protocol` to. */
  public reachablePods(port: number, protocol: TransportProtocol = 'TCP'): Map<string, string[]> {
    const matrix = this.matrix(port, protocol);
    return new Map(this.pods.map((p) => [p.ref, [...matrix[p.index]].map((i) => this.pods[i].ref)]));
  }

  /**
   * All pod pairs at once: row `s` holds every `d` such that `s -> d` is allowed on `port`/`protocol`. Costs one
   * selection per pod and policy and one peer match per rule and pod, then bit operations.
   */
  public matrix(port: number, protocol: TransportProtocol = 'TCP'): BitSet[] {
    const n = this.pods.length;
    const empty = new BitSet(n);
    const podEndpoint = (i: number): Endpoint => ({ kind: 'pod', pod: this.pods[i] });
    const peerSets = new Map<CompiledRule, BitSet>();
    const peersOf = (rule: CompiledRule): BitSet => {
      let set = peerSets.get(rule);
      if (!set) {
        set = new BitSet(n);
        for (let i = 0; i < n; i++) if (rule.matchesPeer(podEndpoint(i))) set.add(i);
        peerSets.set(rule, set);
      }
      return set;
    };
    // Egress: a rule's port applies to each peer pod (named ports resolve there), independent of the source.
    const egressTargets = new Map<CompiledRule, BitSet>();
    const egressTargetsOf = (rule: CompiledRule): BitSet => {
      let set = egressTargets.get(rule);
      if (!set) {
        set = new BitSet(n);
        const targets = set;
        peersOf(rule).forEach((i) => {
          if (rule.matchesPort(port, protocol, podEndpoint(i))) targets.add(i);
        });
        egressTargets.set(rule, set);
      }
      return set;
    };
    // Ingress: the destination is the selected pod itself.
    const ingressSourcesOf = (rule: CompiledRule, pod: Pod): BitSet =>
      (rule.matchesPort(port, protocol, { kind: 'pod', pod }) ? peersOf(rule) : empty);
    const side = (pod: Pod, direction: Direction): BitSet => {
      const policies = this.selectingPolicies(pod);
      const isolated = this.isIsolated(policies, direction);
      const result = isolated ? new BitSet(n) : BitSet.full(n);
      const targets = (rule: CompiledRule) => (direction === 'egress' ? egressTargetsOf(rule) : ingressSourcesOf(rule, pod));
      if (isolated) for (const p of policies) for (const rule of p.allow[direction]) result.or(targets(rule));
      for (const p of policies) for (const rule of p.deny[direction]) result.andNot(targets(rule));
      return result;
    };
    const egress = this.pods.map((pod) => side(pod, 'egress'));
    const ingress = this.pods.map((pod) => side(pod, 'ingress'));
    return egress.map((row, s) => {
      const out = new BitSet(n);
      row.forEach((d) => {
        if (ingress[d].has(s)) out.add(d);
      });
      return out;
    });
  }

  /** Whether the policies selecting a pod make it default-deny, per direction. */
  public isolation(podRef: string): { readonly ingress: boolean; readonly egress: boolean } {
    const policies = this.selectingPolicies(this.podByRef(podRef));
    return { ingress: this.isIsolated(policies, 'ingress'), egress: this.isIsolated(policies, 'egress') };
  }

  /** The policies (Cilium: policy rules) that select a pod of the inventory. */
  public policiesSelecting(podRef: string): string[] {
    return this.selectingPolicies(this.podByRef(podRef)).map((p) => p.ref);
  }

  private podByRef(ref: string): Pod {
    const pod = this.podsByRef.get(ref);
    if (!pod) throw new Error(`unknown pod ${JSON.stringify(ref)}: not in the inventory`);
    return pod;
  }

  /** Default deny applies when any selecting policy asks for it (or Cilium enforces policy on every pod). */
  private isIsolated(policies: readonly CompiledPolicy[], direction: Direction): boolean {
    return this.options.ciliumPolicyEnforcement === 'always' || policies.some((p) => p.isolates[direction]);
  }

  private selectingPolicies(pod: Pod): CompiledPolicy[] {
    let found = this.selecting.get(pod.index);
    if (!found) {
      found = this.policies.filter((p) => p.selects(pod));
      this.selecting.set(pod.index, found);
    }
    return found;
  }

  private decide(pod: Pod, direction: Direction, peer: Endpoint, port: number, protocol: TransportProtocol, destination: Endpoint): DirectionVerdict {
    const policies = this.selectingPolicies(pod);
    const selectedBy = policies.map((p) => p.ref);
    const isolated = this.isIsolated(policies, direction);
    const dnsVisibility = policies.flatMap((p) => p.dnsVisibility);
    const matches = (rule: CompiledRule) => this.ruleMatches(rule, peer, port, protocol, destination, dnsVisibility);
    const deniedBy = policies.flatMap((p) => p.deny[direction]).filter(matches).map((r) => r.ref);
    const allowedBy = policies.flatMap((p) => p.allow[direction]).filter(matches).map((r) => r.ref);
    const base = { pod: pod.ref, direction, selectedBy, isolated, allowedBy, deniedBy };
    if (direction === 'ingress' && peer.kind === 'reserved' && peer.entity === 'host') {
      return { ...base, allowed: true, reason: 'traffic from the local node is always allowed' };
    }
    if (deniedBy.length > 0) return { ...base, allowed: false, reason: `denied by ${deniedBy.join(', ')} (deny rules win)` };
    if (!isolated) {
      return { ...base, allowed: true, reason: selectedBy.length ? `no selecting policy isolates ${direction}` : 'no policy selects the pod' };
    }
    if (allowedBy.length > 0) return { ...base, allowed: true, reason: `allowed by ${allowedBy.join(', ')}` };
    const fqdnHint = peer.kind === 'external' && peer.dnsName && dnsVisibility.length === 0
      && policies.some((p) => p.allow[direction].some((r) => r.fqdnSelectors?.some((s) => matchesFqdn(s, peer.dnsName!))))
      ? '; a toFQDNs rule names it, but no rule sends the pod\'s DNS through the Cilium DNS proxy' : '';
    return { ...base, allowed: false, reason: `isolated by ${policies.filter((p) => p.isolates[direction]).map((p) => p.ref).join(', ') || 'enforcement mode always'} and no rule allows it${fqdnHint}` };
  }

  private ruleMatches(rule: CompiledRule, peer: Endpoint, port: number, protocol: TransportProtocol, destination: Endpoint, dnsVisibility: readonly any[]): boolean {
    if (!rule.matchesPort(port, protocol, destination)) return false;
    if (rule.matchesPeer(peer)) return true;
    const name = peer.kind === 'external' ? peer.dnsName : undefined;
    return name !== undefined && (rule.fqdnSelectors ?? []).some((s) => matchesFqdn(s, name))
      && dnsVisibility.some((s) => matchesFqdn(s, name));
  }

  private resolve(ref: string, role: 'from' | 'to'): Endpoint {
    if (ref.startsWith('entity:')) {
      const entity = ref.slice('entity:'.length);
      if (entity === 'world') return { kind: 'external', ref };
      if (!RESERVED_ENTITIES.includes(entity)) throw new Error(`unknown entity ${JSON.stringify(entity)}; known: world, ${RESERVED_ENTITIES.join(', ')}`);
      const ip = entity === 'kube-apiserver' ? parseIp(this.options.kubeApiServerIps?.[0] ?? '') : undefined;
      return { kind: 'reserved', entity, ip, ref };
    }
    if (ref === 'kube-apiserver') return this.resolve('entity:kube-apiserver', role);
    const ip = parseIp(ref);
    if (ip) {
      const pod = this.podsByIp.get(`${ip.family}:${ip.value}`);
      if (pod) return { kind: 'pod', pod };
      const apiServer = (this.options.kubeApiServerIps ?? []).some((a) => parseIp(a)?.value === ip.value && parseIp(a)?.family === ip.family);
      return apiServer ? { kind: 'reserved', entity: 'kube-apiserver', ip, ref } : { kind: 'external', ip, ref };
    }
    if (ref.includes('/')) return { kind: 'pod', pod: this.podByRef(ref) };
    if (role === 'from') throw new Error(`a source must be a pod, an IP or an entity, not the DNS name ${JSON.stringify(ref)}`);
    const address = this.options.dnsAddresses?.[ref];
    return { kind: 'external', dnsName: ref, ip: address === undefined ? undefined : parseIp(address), ref };
  }

  private resolvePort(port: number | string, protocol: TransportProtocol, destination: Endpoint, ref: string): number {
    if (typeof port === 'string' && /^[0-9]+$/.test(port)) return this.resolvePort(Number(port), protocol, destination, ref);
    if (typeof port === 'number') {
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`port ${port} is not from 1 to 65535`);
      return port;
    }
    const named = destination.kind === 'pod' ? destination.pod.ports.find((p) => p.name === port && p.protocol === protocol) : undefined;
    if (!named) throw new Error(`${ref} has no ${protocol} container port named ${JSON.stringify(port)}`);
    return named.port;
  }
}
