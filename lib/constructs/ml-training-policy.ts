import { Construct } from 'constructs';
import { Problems } from '../errors';
import { PolicyFlavor } from '../intent/flavor';
import { LabelSelector } from '../intent/label-selector';
import { NamespaceSelector } from '../intent/namespace-selector';
import { Peer } from '../intent/peer';
import { Port } from '../intent/port';
import { EgressRule, IngressRule } from '../intent/rules';
import { ExternalService } from '../ml/external-service';
import { IngressSource } from '../ml/ingress-source';
import { TrainingJob } from '../ml/training-job';
import { apiServerRules, commonPolicyProps, ensureBaseline, externalServiceRules, MLPolicyCommonProps } from './ml-common';
import { WorkloadPolicy } from './workload-policy';

/** Additions for the pods of one role (replica type, replicated job, Ray node type or group). */
export interface RoleRules {
  /** @default - none */
  readonly ingress?: IngressRule[];
  /** @default - none */
  readonly egress?: EgressRule[];
  /** @default - none */
  readonly externalServices?: ExternalService[];
  /**
   * Egress to the Kubernetes API server (Ray head autoscaler, MPIJob v1 launcher, SDK clients).
   * @default false
   */
  readonly kubeApiServer?: boolean;
}

/** A tool next to the job (TensorBoard, MLflow, Jupyter): its own policy, its own sources. */
export interface TrainingCompanion {
  /** Used in `metadata.name`. */
  readonly name: string;
  readonly selector: LabelSelector;
  /** Ports it serves on. */
  readonly ports: Port[];
  /** Who may reach those ports; at least one. */
  readonly ingressFrom: Peer[];
  /** @default - none */
  readonly egress?: EgressRule[];
  /** @default - none */
  readonly externalServices?: ExternalService[];
}

export interface MLTrainingPolicyProps extends MLPolicyCommonProps {
  readonly job: TrainingJob;
  /**
   * Ports the pods of the job use between each other.
   * @default - every port: NCCL, Gloo, c10d and MPI connect on ephemeral ports
   */
  readonly intraJobPorts?: Port[];
  /**
   * More sources allowed into every pod of the job.
   * @default - none
   */
  readonly ingress?: IngressRule[];
  /**
   * More destinations for every pod of the job.
   * @default - none
   */
  readonly egress?: EgressRule[];
  /**
   * Outside services every pod of the job reaches (checkpoints, datasets).
   * @default - none
   */
  readonly externalServices?: ExternalService[];
  /**
   * Who scrapes the job's metrics ports; [] for nobody.
   * @default - [IngressSource.prometheus()] when there are metrics ports
   */
  readonly metricsFrom?: Peer[];
  /**
   * Metrics ports of the job's pods.
   * @default - the operator's (RayCluster: 8080), otherwise none
   */
  readonly metricsPorts?: Port[];
  /**
   * Per-role additions, keyed by role (`master`, `launcher`, `head`, `model-initializer`, …); merged with the
   * job's rules, never replacing them.
   * @default - none
   */
  readonly roles?: { readonly [role: string]: RoleRules };
  /** @default - none */
  readonly companions?: TrainingCompanion[];
  /**
   * Trainer v2 with the TrainJobStatus feature gate: let the pods post progress to the trainer controller on TCP 10443.
   * @default false
   */
  readonly trainerStatusServer?: boolean;
  /**
   * The trainer controller pods, for `trainerStatusServer`.
   * @default - pods labelled app.kubernetes.io/name=trainer in kubeflow-system
   */
  readonly trainerController?: Peer;
}

/**
 * Network policies for one training job: its pods reach each other on every port, DNS, and only what is declared.
 * Writes one policy for the job, one per role with additions, one per companion.
 */
export class MLTrainingPolicy extends Construct {
  /** The job-wide policy. */
  public readonly jobPolicy: WorkloadPolicy;
  public readonly rolePolicies: { readonly [role: string]: WorkloadPolicy };
  public readonly companionPolicies: WorkloadPolicy[] = [];

  public constructor(scope: Construct, id: string, props: MLTrainingPolicyProps) {
    super(scope, id);
    const flavor = props.flavor ?? PolicyFlavor.KUBERNETES;
    const job = props.job;
    const problems = new Problems();
    const roles = props.roles ?? {};

    if (job.roleNeedingApiServer && !roles[job.roleNeedingApiServer]?.kubeApiServer) {
      const role = job.roleNeedingApiServer;
      problems.add(`roles.${role}.kubeApiServer`, roles[role]?.kubeApiServer,
        `the ${job.kind} ${role} runs kubectl exec through the API server; grant it with roles: { ${role}: { kubeApiServer: true } }`);
    }
    if (Object.keys(roles).length > 0 && !job.hasRoles) {
      problems.add('roles', Object.keys(roles), `${job} has no role label; give TrainingJob.custom(name, selector, roleLabel)`);
    }
    const jobExternal = externalServiceRules(props.externalServices, flavor, 'externalServices', problems);
    const roleRules = Object.entries(roles).map(([role, rules]) => ({
      role,
      rules,
      egress: [
        ...(rules.egress ?? []),
        ...externalServiceRules(rules.externalServices, flavor, `roles.${role}.externalServices`, problems),
        ...apiServerRules(rules.kubeApiServer, props, `roles.${role}.kubeApiServer`, problems),
      ],
    }));
    const companions = (props.companions ?? []).map((companion, i) => {
      if (companion.ingressFrom.length === 0) {
        problems.add(`companions[${i}].ingressFrom`, companion.ingressFrom, 'declare who may reach the companion');
      }
      return { companion, external: externalServiceRules(companion.externalServices, flavor, `companions[${i}].externalServices`, problems) };
    });
    problems.throwIfAny(this.node.path);

    ensureBaseline(this, props);
    const common = commonPolicyProps(props);
    const prefix = props.namePrefix ?? '';
    const baseName = `${prefix}${job.name}-${job.kind.toLowerCase()}`;
    const jobPeer = Peer.pods({ labels: job.selector.matchLabels, expressions: [...job.selector.expressions] });
    const intraPorts = props.intraJobPorts;
    const metricsPorts = props.metricsPorts ?? [...job.metricsPorts];
    const metricsFrom = props.metricsFrom ?? (metricsPorts.length ? [IngressSource.prometheus()] : []);

    this.jobPolicy = new WorkloadPolicy(this, 'Job', {
      ...common,
      name: baseName,
      selector: job.selector,
      description: `${job.kind} ${job.name}: its pods reach each other${intraPorts ? '' : ' on every port'}; nothing else unless declared`,
      ingress: [
        { from: [jobPeer], ports: intraPorts },
        ...(metricsFrom.length && metricsPorts.length ? [{ from: metricsFrom, ports: metricsPorts }] : []),
        ...(props.ingress ?? []),
      ],
      egress: [
        { to: [jobPeer], ports: intraPorts },
        ...(props.egress ?? []),
        ...jobExternal,
        ...(props.trainerStatusServer
          ? [{ to: [props.trainerController ?? Peer.pods({ labels: { 'app.kubernetes.io/name': 'trainer' }, namespaces: NamespaceSelector.named('kubeflow-system') })], ports: [Port.tcp(10443)] }]
          : []),
      ],
    });

    const rolePolicies: { [role: string]: WorkloadPolicy } = {};
    for (const { role, rules, egress } of roleRules) {
      const ingress = rules.ingress ?? [];
      if (ingress.length === 0 && egress.length === 0) continue;
      rolePolicies[role] = new WorkloadPolicy(this, `Role-${role}`, {
        ...common,
        name: `${baseName}-${role.toLowerCase()}`,
        selector: job.roleSelector(role),
        description: `${job.kind} ${job.name}, role ${role}: additions to the job's rules`,
        ingress,
        egress,
      });
    }
    this.rolePolicies = rolePolicies;

    for (const { companion, external } of companions) {
      this.companionPolicies.push(new WorkloadPolicy(this, `Companion-${companion.name}`, {
        ...common,
        name: `${baseName}-${companion.name}`,
        selector: companion.selector,
        description: `${companion.name} next to ${job.kind} ${job.name}`,
        ingress: [{ from: companion.ingressFrom, ports: companion.ports }],
        egress: [...(companion.egress ?? []), ...external],
      }));
    }
  }
}
