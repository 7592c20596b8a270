import { isFqdnName, isFqdnPattern } from '../common/syntax';
import { FindingSink, pointer } from './findings';
import { ValidatorOptions } from './options';

// What the Cilium checks share: the walk's context, peer field names, and FQDN selectors (toFQDNs and DNS rules).

export type Direction = 'ingress' | 'egress';

export interface Context {
  readonly sink: FindingSink;
  readonly options: Required<ValidatorOptions>;
  readonly clusterwide: boolean;
  readonly hostPolicy: boolean;
}

export const PEER_FIELDS = {
  ingress: ['fromEndpoints', 'fromCIDR', 'fromCIDRSet', 'fromEntities', 'fromNodes', 'fromGroups'],
  egress: ['toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toServices', 'toGroups', 'toNodes', 'toFQDNs'],
};

export function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` as a list; anything else but absent is reported. */
export function list(ctx: Context, value: unknown, path: string): any[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    ctx.sink.error(path, 'must be a list');
    return [];
  }
  return value;
}

export function checkFqdnSelector(item: any, path: string, sink: FindingSink): void {
  if (!isObject(item)) return sink.error(path, 'an FQDN selector must be an object with matchName or matchPattern');
  const kinds = ['matchName', 'matchPattern'].filter((k) => item[k] !== undefined);
  if (kinds.length !== 1) return sink.error(path, 'only one of MatchName or MatchPattern is allowed in an FQDNSelector (exactly one is required)');
  if (item.matchName !== undefined && !(typeof item.matchName === 'string' && isFqdnName(item.matchName))) {
    sink.error(pointer(path, 'matchName'), `Invalid characters in MatchName: ${JSON.stringify(item.matchName)} (letters, digits, -, _ and single dots, at most 255 characters)`);
  }
  if (item.matchPattern !== undefined && !(typeof item.matchPattern === 'string' && isFqdnPattern(item.matchPattern))) {
    sink.error(pointer(path, 'matchPattern'), `Invalid characters in MatchPattern: ${JSON.stringify(item.matchPattern)} (letters, digits, -, _, * and single dots, at most 255 characters)`);
  }
}
