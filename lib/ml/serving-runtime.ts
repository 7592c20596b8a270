import { LabelSelector } from '../intent/label-selector';
import { Port } from '../intent/port';

export interface CustomRuntimeProps {
  /** Ports clients call. */
  readonly servingPorts: Port[];
  /**
   * Ports Prometheus scrapes.
   * @default - none
   */
  readonly metricsPorts?: Port[];
  /**
   * Ports that must stay closed unless granted (management APIs).
   * @default - none
   */
  readonly adminPorts?: Port[];
}

/** A model server and the ports it listens on (pod ports: policies see traffic after Service DNAT). */
export class ServingRuntime {
  /**
   * KServe Serverless (Knative): clients reach queue-proxy on 8012 (8013 h2c) through the activator or the gateway;
   * the Knative autoscaler scrapes 9090; Prometheus scrapes 9091 (user metrics) and 9088 (KServe aggregate).
   * The transformer and explainer of the InferenceService reach its predictor on the serving ports.
   */
  public static kserveServerless(): ServingRuntime {
    return new ServingRuntime('kserve-serverless', [Port.tcp(8012), Port.tcp(8013)], [Port.tcp(9088), Port.tcp(9091)], [], true, kserveSelector, true);
  }

  /** KServe raw deployment: model server on 8080, metrics on the same port; transformer/explainer -> predictor on 8080. */
  public static kserveRaw(): ServingRuntime {
    return new ServingRuntime('kserve-raw', [Port.tcp(8080)], [Port.tcp(8080)], [], false, kserveSelector, true);
  }

  /** vLLM: OpenAI API and /metrics on 8000. */
  public static vllm(): ServingRuntime {
    return new ServingRuntime('vllm', [Port.tcp(8000)], [Port.tcp(8000)], [], false, appSelector);
  }

  /** Triton: HTTP 8000 and gRPC 8001 for clients, metrics 8002 for Prometheus only. */
  public static triton(): ServingRuntime {
    return new ServingRuntime('triton', [Port.tcp(8000), Port.tcp(8001)], [Port.tcp(8002)], [], false, appSelector);
  }

  /** TorchServe: inference 8080 and gRPC 7070; metrics 8082; management 8081 and 7071 closed unless granted. */
  public static torchServe(): ServingRuntime {
    return new ServingRuntime('torchserve', [Port.tcp(7070), Port.tcp(8080)], [Port.tcp(8082)], [Port.tcp(7071), Port.tcp(8081)], false, appSelector);
  }

  /** Hugging Face TGI: the image listens on 80 (PORT=80), /metrics included. */
  public static tgi(): ServingRuntime {
    return new ServingRuntime('tgi', [Port.tcp(80)], [Port.tcp(80)], [], false, appSelector);
  }

  /** Ray Serve on the `ray.io/serve=true` pods of a RayCluster named like the policy: 8000; Ray metrics on 8080. */
  public static rayServe(): ServingRuntime {
    return new ServingRuntime('ray-serve', [Port.tcp(8000)], [Port.tcp(8080)], [], false,
      (name) => LabelSelector.labels({ 'ray.io/cluster': name, 'ray.io/serve': 'true' }));
  }

  /** Any other server, selected by `app=<name>` unless the policy gives a selector. */
  public static custom(props: CustomRuntimeProps): ServingRuntime {
    return new ServingRuntime('custom', props.servingPorts, props.metricsPorts ?? [], props.adminPorts ?? [], false, appSelector);
  }

  private constructor(
    public readonly name: string,
    public readonly servingPorts: readonly Port[],
    public readonly metricsPorts: readonly Port[],
    public readonly adminPorts: readonly Port[],
    /** Traffic arrives through Knative's activator and is scaled by its autoscaler. */
    public readonly knative: boolean,
    private readonly selectorFor: (name: string) => LabelSelector,
    /** Components of one service call each other (KServe transformer and explainer -> predictor). */
    public readonly componentsCallEachOther = false,
  ) {}

  /** The server's pods when the policy gives no selector. */
  public defaultSelector(name: string): LabelSelector {
    return this.selectorFor(name);
  }

  public toString(): string {
    return `ServingRuntime(${this.name})`;
  }
}

function kserveSelector(name: string): LabelSelector {
  return LabelSelector.labels({ 'serving.kserve.io/inferenceservice': name });
}

function appSelector(name: string): LabelSelector {
  return LabelSelector.labels({ app: name });
}
