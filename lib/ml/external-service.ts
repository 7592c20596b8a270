import { PolicyFlavor } from '../intent/flavor';
import { Peer } from '../intent/peer';
import { Port } from '../intent/port';
import { EgressRule } from '../intent/rules';

export interface ExternalServiceOptions {
  /**
   * The service's addresses, required for the kubernetes flavor (NetworkPolicy cannot match DNS names).
   * In the cilium flavor they are allowed in addition to the DNS names.
   * @default - none
   */
  readonly cidrs?: string[];
  /**
   * More DNS names (cilium flavor).
   * @default - none
   */
  readonly extraDnsNames?: string[];
  /** @default [Port.tcp(443)] */
  readonly ports?: Port[];
}

export interface CustomExternalServiceProps extends ExternalServiceOptions {
  /** What the service is, for error messages and descriptions. */
  readonly name: string;
  /**
   * DNS names or patterns (`*.example.com`).
   * @default - none: give cidrs
   */
  readonly dnsNames?: string[];
}

/** A service outside the cluster: by DNS names on Cilium, by CIDRs on NetworkPolicy; always with its ports. */
export class ExternalService {
  /** Amazon S3 in one region: `s3.<region>.amazonaws.com` and its virtual-hosted buckets. */
  public static s3(region: string, options: ExternalServiceOptions = {}): ExternalService {
    return new ExternalService(`s3(${region})`, [`s3.${region}.amazonaws.com`, `*.s3.${region}.amazonaws.com`], options);
  }

  /** The Hugging Face Hub, with the CDN and Xet storage hosts downloads are redirected to. */
  public static huggingFace(options: ExternalServiceOptions = {}): ExternalService {
    return new ExternalService('huggingFace', ['huggingface.co', '*.huggingface.co', '*.hf.co', '*.xethub.hf.co'], options);
  }

  /** Google Cloud Storage. */
  public static gcs(options: ExternalServiceOptions = {}): ExternalService {
    return new ExternalService('gcs', ['storage.googleapis.com'], options);
  }

  /** PyPI (Ray runtime_env pip, notebook installs). */
  public static pypi(options: ExternalServiceOptions = {}): ExternalService {
    return new ExternalService('pypi', ['pypi.org', 'files.pythonhosted.org'], options);
  }

  public static custom(props: CustomExternalServiceProps): ExternalService {
    return new ExternalService(props.name, props.dnsNames ?? [], props);
  }

  public readonly dnsNames: readonly string[];
  public readonly cidrs: readonly string[];
  public readonly ports: readonly Port[];

  private constructor(public readonly name: string, dnsNames: string[], options: ExternalServiceOptions) {
    this.dnsNames = [...dnsNames, ...(options.extraDnsNames ?? [])];
    this.cidrs = options.cidrs ?? [];
    this.ports = options.ports ?? [Port.tcp(443)];
  }

  /** Why the service cannot be written in `flavor`, or undefined. */
  public problemIn(flavor: PolicyFlavor): string | undefined {
    if (flavor === PolicyFlavor.KUBERNETES && this.cidrs.length === 0) {
      return `NetworkPolicy cannot match DNS names (${this.dnsNames.join(', ')}); give the service's addresses as cidrs, or use the cilium flavor`;
    }
    if (this.cidrs.length === 0 && this.dnsNames.length === 0) return 'give dnsNames or cidrs';
    return undefined;
  }

  public egressRule(flavor: PolicyFlavor): EgressRule {
    const names = flavor === PolicyFlavor.CILIUM ? this.dnsNames.map((n) => Peer.dnsName(n)) : [];
    return { to: [...names, ...this.cidrs.map((c) => Peer.cidr(c))], ports: [...this.ports] };
  }

  public toString(): string {
    return `ExternalService.${this.name}`;
  }
}
