import { ExternalService, PolicyFlavor } from '../../lib';
import { Environment } from '../environments';

/** S3 of the environment's region: DNS names on Cilium, the region's ranges on NetworkPolicy. */
export function s3(env: Environment): ExternalService {
  return ExternalService.s3(env.awsRegion, env.flavor === PolicyFlavor.KUBERNETES ? { cidrs: env.s3Cidrs } : {});
}
