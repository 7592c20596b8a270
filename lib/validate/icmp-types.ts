// ICMP type names the agent decodes (pkg/policy/api/icmp.go), per family.
export const ICMP_TYPES: { readonly [family: string]: readonly string[] } = {
  IPv4: ['EchoReply', 'DestinationUnreachable', 'Redirect', 'Echo', 'EchoRequest', 'RouterAdvertisement', 'RouterSelection',
    'TimeExceeded', 'ParameterProblem', 'Timestamp', 'TimestampReply', 'Photuris', 'ExtendedEchoRequest', 'ExtendedEchoReply'],
  IPv6: ['DestinationUnreachable', 'PacketTooBig', 'TimeExceeded', 'ParameterProblem', 'EchoRequest', 'EchoReply',
    'MulticastListenerQuery', 'MulticastListenerReport', 'MulticastListenerDone', 'RouterSolicitation', 'RouterAdvertisement',
    'NeighborSolicitation', 'NeighborAdvertisement', 'RedirectMessage', 'RouterRenumbering', 'ICMPNodeInformationQuery',
    'ICMPNodeInformationResponse', 'InverseNeighborDiscoverySolicitation', 'InverseNeighborDiscoveryAdvertisement',
    'HomeAgentAddressDiscoveryRequest', 'HomeAgentAddressDiscoveryReply', 'MobilePrefixSolicitation', 'MobilePrefixAdvertisement',
    'DuplicateAddressRequestCodeSuffix', 'DuplicateAddressConfirmationCodeSuffix', 'ExtendedEchoRequest', 'ExtendedEchoReply'],
};

/**
 * The names the v1.20 CRD pattern accepts: one list for both families, with the upstream typo
 * `ExtendedEcho Reply` (so `ExtendedEchoReply` fails the schema and `ExtendedEcho Reply` fails decoding).
 */
export const ICMP_SCHEMA_NAMES: readonly string[] = [
  'EchoReply', 'DestinationUnreachable', 'Redirect', 'Echo', 'RouterAdvertisement', 'RouterSelection', 'TimeExceeded',
  'ParameterProblem', 'Timestamp', 'TimestampReply', 'Photuris', 'ExtendedEchoRequest', 'ExtendedEcho Reply', 'PacketTooBig',
  'EchoRequest', 'MulticastListenerQuery', 'MulticastListenerReport', 'MulticastListenerDone', 'RouterSolicitation',
  'NeighborSolicitation', 'NeighborAdvertisement', 'RedirectMessage', 'RouterRenumbering', 'ICMPNodeInformationQuery',
  'ICMPNodeInformationResponse', 'InverseNeighborDiscoverySolicitation', 'InverseNeighborDiscoveryAdvertisement',
  'HomeAgentAddressDiscoveryRequest', 'HomeAgentAddressDiscoveryReply', 'MobilePrefixSolicitation', 'MobilePrefixAdvertisement',
  'DuplicateAddressRequestCodeSuffix', 'DuplicateAddressConfirmationCodeSuffix',
];
