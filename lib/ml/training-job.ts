import { LabelSelector } from '../intent/label-selector';
import { Port } from '../intent/port';

const KUBEFLOW_JOB_NAME = 'training.kubeflow.org/job-name';
const KUBEFLOW_OPERATOR_NAME = 'training.kubeflow.org/operator-name';
const KUBEFLOW_REPLICA_TYPE = 'training.kubeflow.org/replica-type';
const KUBEFLOW_JOB_ROLE = 'training.kubeflow.org/job-role';
const JOBSET_NAME = 'jobset.sigs.k8s.io/jobset-name';
const JOBSET_REPLICATED_JOB = 'jobset.sigs.k8s.io/replicatedjob-name';
const RAY_CLUSTER = 'ray.io/cluster';
const RAY_NODE_TYPE = 'ray.io/node-type';
const RAY_GROUP = 'ray.io/group';

/**
 * A training job, selected the way its operator labels the pods. Only stable labels are used: per-pod indices
 * (replica-index, job-index) would give every pod its own Cilium identity.
 */
export class TrainingJob {
  /** Kubeflow training-operator v1 PyTorchJob (rendezvous port 23456). Roles: master, worker. */
  public static pyTorchJob(name: string): TrainingJob {
    return TrainingJob.kubeflowV1('PyTorchJob', name, 'pytorchjob-controller');
  }

  /** Kubeflow v1 TFJob (port 2222). Roles: chief, ps, worker, evaluator, master. */
  public static tfJob(name: string): TrainingJob {
    return TrainingJob.kubeflowV1('TFJob', name, 'tfjob-controller');
  }

  /** Kubeflow v1 XGBoostJob (port 9999). Roles: master, worker. */
  public static xgboostJob(name: string): TrainingJob {
    return TrainingJob.kubeflowV1('XGBoostJob', name, 'xgboostjob-controller');
  }

  /** Kubeflow v1 PaddleJob (port 36543). Roles: master, worker. */
  public static paddleJob(name: string): TrainingJob {
    return TrainingJob.kubeflowV1('PaddleJob', name, 'paddlejob-controller');
  }

  /** Kubeflow v1 JAXJob (port 6666). Roles: worker. */
  public static jaxJob(name: string): TrainingJob {
    return TrainingJob.kubeflowV1('JAXJob', name, 'jaxjob-controller');
  }

  /** Kubeflow training-operator v1 MPIJob: its launcher runs `kubectl exec`, so it must be granted the API server. */
  public static mpiJobV1(name: string): TrainingJob {
    return TrainingJob.kubeflowV1('MPIJobV1', name, 'mpijob-controller', 'launcher');
  }

  /** mpi-operator v2beta1 MPIJob (launcher → workers over SSH, then Open MPI on ephemeral ports). Roles: launcher, worker. */
  public static mpiJob(name: string): TrainingJob {
    return new TrainingJob('MPIJob', name, LabelSelector.labels({ [KUBEFLOW_JOB_NAME]: name, [KUBEFLOW_OPERATOR_NAME]: 'mpi-operator' }), () => KUBEFLOW_JOB_ROLE, undefined, []);
  }

  /** Kubeflow Trainer v2 TrainJob (a JobSet). Roles: node, launcher, dataset-initializer, model-initializer. */
  public static trainJob(name: string): TrainingJob {
    return new TrainingJob('TrainJob', name, LabelSelector.labels({ [JOBSET_NAME]: name }), () => JOBSET_REPLICATED_JOB, undefined, []);
  }

  /** A JobSet. Roles: its replicated jobs. */
  public static jobSet(name: string): TrainingJob {
    return new TrainingJob('JobSet', name, LabelSelector.labels({ [JOBSET_NAME]: name }), () => JOBSET_REPLICATED_JOB, undefined, []);
  }

  /** A KubeRay RayCluster. Roles: head and worker (node type), any other name is a worker group. Metrics on 8080. */
  public static rayCluster(name: string): TrainingJob {
    return new TrainingJob('RayCluster', name, LabelSelector.labels({ [RAY_CLUSTER]: name }),
      (role) => (role === 'head' || role === 'worker' ? RAY_NODE_TYPE : RAY_GROUP), undefined, [Port.tcp(8080)]);
  }

  /** Any other job: `selector` selects all its pods, `roleLabel` (if any) tells its roles apart. */
  public static custom(name: string, selector: LabelSelector, roleLabel?: string): TrainingJob {
    return new TrainingJob('Custom', name, selector, roleLabel ? () => roleLabel : undefined, undefined, []);
  }

  private static kubeflowV1(kind: string, name: string, operatorName: string, apiServerRole?: string): TrainingJob {
    return new TrainingJob(kind, name, LabelSelector.labels({ [KUBEFLOW_JOB_NAME]: name, [KUBEFLOW_OPERATOR_NAME]: operatorName }),
      () => KUBEFLOW_REPLICA_TYPE, apiServerRole, [], (role) => role.toLowerCase());
  }

  private constructor(
    /** PyTorchJob, TFJob, …, Custom. */
    public readonly kind: string,
    public readonly name: string,
    /** Selects every pod of the job, and no pod of another job (operator name included). */
    public readonly selector: LabelSelector,
    private readonly roleLabelFor: ((role: string) => string) | undefined,
    /** The role that cannot work without the Kubernetes API server. */
    public readonly roleNeedingApiServer: string | undefined,
    /** Ports the operator's pods expose metrics on. */
    public readonly metricsPorts: readonly Port[],
    private readonly roleValue: (role: string) => string = (role) => role,
  ) {}

  /** True when the job kind tells roles apart. */
  public get hasRoles(): boolean {
    return this.roleLabelFor !== undefined;
  }

  /** The pods of one role. */
  public roleSelector(role: string): LabelSelector {
    if (!this.roleLabelFor) throw new Error(`${this} has no roles`);
    return LabelSelector.of({ labels: { ...this.selector.matchLabels, [this.roleLabelFor(role)]: this.roleValue(role) }, expressions: [...this.selector.expressions] });
  }

  public toString(): string {
    return `TrainingJob.${this.kind}(${this.name})`;
  }
}
