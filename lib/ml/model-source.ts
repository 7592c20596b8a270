import { PolicyFlavor } from '../intent/flavor';
import { EgressRule } from '../intent/rules';
import { ExternalService, ExternalServiceOptions } from './external-service';

/**
 * Where a model server loads its model. KServe's storage-initializer is an init container of the predictor pod,
 * so the egress is granted to the whole pod.
 */
export class ModelSource {
  public static s3(region: string, options: ExternalServiceOptions = {}): ModelSource {
    return ModelSource.external(ExternalService.s3(region, options));
  }

  public static huggingFace(options: ExternalServiceOptions = {}): ModelSource {
    return ModelSource.external(ExternalService.huggingFace(options));
  }

  public static gcs(options: ExternalServiceOptions = {}): ModelSource {
    return ModelSource.external(ExternalService.gcs(options));
  }

  public static external(service: ExternalService): ModelSource {
    return new ModelSource(service.toString(), service, undefined);
  }

  /** An object store inside the cluster (MinIO, SeaweedFS). */
  public static inCluster(rule: EgressRule): ModelSource {
    return new ModelSource('inCluster', undefined, rule);
  }

  /** A PersistentVolumeClaim: no egress. */
  public static pvc(): ModelSource {
    return new ModelSource('pvc', undefined, undefined);
  }

  /** An OCI image ("modelcar"), pulled by the kubelet: no egress. */
  public static oci(): ModelSource {
    return new ModelSource('oci', undefined, undefined);
  }

  private constructor(
    private readonly name: string,
    public readonly service: ExternalService | undefined,
    private readonly rule: EgressRule | undefined,
  ) {}

  public egressRules(flavor: PolicyFlavor): EgressRule[] {
    if (this.service) return [this.service.egressRule(flavor)];
    return this.rule ? [this.rule] : [];
  }

  public toString(): string {
    return `ModelSource.${this.name}`;
  }
}
