import { ExpectedFlow } from '../../lib';
import { pod } from './inventory';

const PREDICTOR = 'serving/llama-predictor-00001-deployment-0';

/** S4 (ml-networking.md): KServe Serverless vLLM llama behind Istio, model from S3, Postgres and Redis. */
export const S4 = {
  namespace: 'serving',
  pods: [
    pod('serving', 'llama-predictor-00001-deployment-0', {
      'serving.kserve.io/inferenceservice': 'llama', 'component': 'predictor', 'serving.knative.dev/revision': 'llama-predictor-00001',
    }, [[8012, 'queue-port'], [8013, 'http2'], [9090, 'queue-metrics'], [9091, 'http-usermetric'], [8080, 'user-port']]),
  ],
  flows: [
    { from: 'knative-serving/activator-0', to: PREDICTOR, port: 8012, expect: 'allow', because: 'activator -> queue-proxy' },
    { from: 'knative-serving/autoscaler-0', to: PREDICTOR, port: 9090, expect: 'allow', because: 'autoscaler scrapes queue-proxy' },
    { from: 'istio-system/istio-ingressgateway-0', to: PREDICTOR, port: 8012, expect: 'allow', because: 'gateway when the activator is out of the path' },
    { from: 'monitoring/prometheus-0', to: PREDICTOR, port: 9091, expect: 'allow', because: 'user metrics' },
    { from: PREDICTOR, to: 's3.us-east-1.amazonaws.com', port: 443, expect: 'allow', because: 'storage-initializer downloads the model' },
    { from: PREDICTOR, to: 'data/postgres-0', port: 5432, expect: 'allow', because: 'declared dependency' },
    { from: PREDICTOR, to: 'data/redis-0', port: 6379, expect: 'allow', because: 'declared dependency' },
    { from: PREDICTOR, to: 'kube-system/coredns-0', port: 53, protocol: 'UDP', expect: 'allow', because: 'DNS' },
    { from: 'team-b/client', to: PREDICTOR, port: 8080, expect: 'deny', because: 'bypassing the gateway' },
    { from: 'team-b/client', to: PREDICTOR, port: 8012, expect: 'deny', because: 'bypassing the gateway' },
    { from: PREDICTOR, to: 'finance/postgres-0', port: 5432, expect: 'deny', because: 'another namespace\'s database' },
    { from: PREDICTOR, to: 'huggingface.co', port: 443, expect: 'deny', because: 'not the model source' },
    { from: PREDICTOR, to: '169.254.169.254', port: 80, expect: 'deny', because: 'cloud metadata' },
    { from: 'monitoring/prometheus-0', to: PREDICTOR, port: 8012, expect: 'deny', because: 'metrics ports only' },
    { from: 'ingress-nginx/controller-0', to: PREDICTOR, port: 8012, expect: 'deny', because: 'not a configured source' },
    { from: 'knative-serving/activator-0', to: PREDICTOR, port: 8080, expect: 'deny', because: 'queue-proxy only; the user container is reached over localhost' },
  ] as ExpectedFlow[],
};
