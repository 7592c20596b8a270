import { Cidr, cidrContainsCidr, parseCidr } from '../common/cidr';

/** Cloud instance metadata endpoints (AWS, GCP, Azure IPv4; AWS IMDS IPv6): credential theft targets. */
export const CLOUD_METADATA_CIDRS: readonly string[] = ['169.254.169.254/32', 'fd00:ec2::254/128'];

const METADATA = CLOUD_METADATA_CIDRS.map((c) => parseCidr(c)!);

/** The metadata CIDRs strictly inside `cidr` that `except` does not already exclude. */
export function metadataExceptionsFor(cidr: Cidr, except: readonly Cidr[]): string[] {
  return METADATA
    .filter((m) => cidrContainsCidr(cidr, m) && cidr.prefix < m.prefix)
    .filter((m) => !except.some((e) => cidrContainsCidr(e, m)))
    .map((m) => m.text);
}

/** True when `cidr` is exactly a metadata endpoint. */
export function isMetadataEndpoint(cidr: Cidr): boolean {
  return METADATA.some((m) => m.family === cidr.family && m.prefix === cidr.prefix && m.network === cidr.network);
}
