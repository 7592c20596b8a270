import { ExpectedFlow } from '../../lib';
import { pod } from './inventory';

const HEAD = 'ml/rc-head-0';
const WORKER = 'ml/rc-worker-gpu-0';
const RAY = { 'ray.io/cluster': 'rc', 'ray.io/is-ray-node': 'yes' };

/** S7 (ml-networking.md): KubeRay cluster rc with a RayJob submitter, Jupyter, Prometheus and Ray Serve. */
export const S7 = {
  namespace: 'ml',
  pods: [
    pod('ml', 'rc-head-0', { ...RAY, 'ray.io/node-type': 'head', 'ray.io/group': 'headgroup' }, [[6379, 'gcs'], [8265, 'dashboard'], [10001, 'client'], [8080, 'metrics']]),
    pod('ml', 'rc-worker-gpu-0', { ...RAY, 'ray.io/node-type': 'worker', 'ray.io/group': 'gpu', 'ray.io/serve': 'true' }, [[8000, 'serve'], [8080, 'metrics']]),
    pod('ml', 'job1-submitter', { 'ray.io/originated-from-crd': 'RayJob', 'ray.io/originated-from-cr-name': 'job1' }),
    pod('ml', 'jupyter-0', { app: 'jupyter' }),
  ],
  flows: [
    { from: WORKER, to: HEAD, port: 6379, expect: 'allow', because: 'GCS' },
    { from: HEAD, to: WORKER, port: 12345, expect: 'allow', because: 'worker ports 10002-19999' },
    { from: WORKER, to: HEAD, port: 45678, expect: 'allow', because: 'object manager, random port' },
    { from: HEAD, to: 'kube-system/coredns-0', port: 53, protocol: 'UDP', expect: 'allow', because: 'rc-head-svc lookups' },
    { from: WORKER, to: 'kube-system/coredns-0', port: 53, protocol: 'UDP', expect: 'allow', because: 'rc-head-svc lookups' },
    { from: 'ml/job1-submitter', to: HEAD, port: 8265, expect: 'allow', because: 'RayJob submitter uses the Jobs API' },
    { from: 'ml/jupyter-0', to: HEAD, port: 10001, expect: 'allow', because: 'Ray client' },
    { from: 'monitoring/prometheus-0', to: HEAD, port: 8080, expect: 'allow', because: 'metrics' },
    { from: 'monitoring/prometheus-0', to: WORKER, port: 8080, expect: 'allow', because: 'metrics' },
    { from: 'gw/gateway-web-0', to: WORKER, port: 8000, expect: 'allow', because: 'Ray Serve' },
    { from: HEAD, to: 'kube-apiserver', port: 443, expect: 'allow', because: 'autoscaler' },
    { from: WORKER, to: 'kube-apiserver', port: 443, expect: 'deny', because: 'only the head' },
    { from: 'team-b/client', to: HEAD, port: 8265, expect: 'deny', because: 'ShadowRay: the Jobs API runs code' },
    { from: 'team-b/client', to: HEAD, port: 6379, expect: 'deny', because: 'GCS from another namespace' },
    { from: 'ml/jupyter-0', to: HEAD, port: 8265, expect: 'deny', because: 'Jupyter gets the Ray client port only' },
    { from: 'gw/gateway-web-0', to: HEAD, port: 8265, expect: 'deny', because: 'the gateway reaches Ray Serve only' },
    { from: 'monitoring/prometheus-0', to: HEAD, port: 8265, expect: 'deny', because: 'metrics port only' },
    { from: WORKER, to: 'pypi.org', port: 443, expect: 'deny', because: 'no runtime_env pip unless declared' },
    { from: HEAD, to: '1.1.1.1', port: 443, expect: 'deny', because: 'no internet' },
  ] as ExpectedFlow[],
  /** With `workersUsePypi`: workers reach PyPI, the head still does not. */
  flowsWithPypi: [
    { from: WORKER, to: 'pypi.org', port: 443, expect: 'allow', because: 'roles.worker lists PyPI' },
    { from: HEAD, to: 'pypi.org', port: 443, expect: 'deny', because: 'only the workers' },
  ] as ExpectedFlow[],
};
