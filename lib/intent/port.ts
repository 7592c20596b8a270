import { Problems } from '../errors';
import { isPortName } from '../common/syntax';

export enum Protocol {
  TCP = 'TCP',
  UDP = 'UDP',
  SCTP = 'SCTP',
}

/** A destination port (or range, or named port) of one protocol, or every port of every protocol. */
export class Port {
  public static tcp(port: number): Port {
    return new Port(Protocol.TCP, port, undefined, `Port.tcp(${port})`);
  }

  public static udp(port: number): Port {
    return new Port(Protocol.UDP, port, undefined, `Port.udp(${port})`);
  }

  public static sctp(port: number): Port {
    return new Port(Protocol.SCTP, port, undefined, `Port.sctp(${port})`);
  }

  /** The inclusive range `from`..`to` (`endPort`). */
  public static tcpRange(from: number, to: number): Port {
    return new Port(Protocol.TCP, from, to, `Port.tcpRange(${from}, ${to})`);
  }

  public static udpRange(from: number, to: number): Port {
    return new Port(Protocol.UDP, from, to, `Port.udpRange(${from}, ${to})`);
  }

  public static sctpRange(from: number, to: number): Port {
    return new Port(Protocol.SCTP, from, to, `Port.sctpRange(${from}, ${to})`);
  }

  /** A named container port, resolved on the destination pod. */
  public static named(name: string, protocol: Protocol = Protocol.TCP): Port {
    return new Port(protocol, name, undefined, `Port.named("${name}", ${protocol})`);
  }

  public static allTcp(): Port {
    return new Port(Protocol.TCP, undefined, undefined, 'Port.allTcp()');
  }

  public static allUdp(): Port {
    return new Port(Protocol.UDP, undefined, undefined, 'Port.allUdp()');
  }

  public static allSctp(): Port {
    return new Port(Protocol.SCTP, undefined, undefined, 'Port.allSctp()');
  }

  /** Every port of every protocol. */
  public static all(): Port {
    return new Port(undefined, undefined, undefined, 'Port.all()');
  }

  private constructor(
    /** undefined: every protocol. */
    public readonly protocol: Protocol | undefined,
    /** A number, a port name, or undefined for every port. */
    public readonly port: number | string | undefined,
    public readonly endPort: number | undefined,
    private readonly label: string,
  ) {}

  /** True when the port covers every port of its protocol(s). */
  public get isAllPorts(): boolean {
    return this.port === undefined;
  }

  /** For people: `8012/TCP`, `29400-29500/TCP`, `metrics/TCP`, `all/UDP`, `all`. */
  public get summary(): string {
    const port = this.port === undefined ? 'all' : `${this.port}${this.endPort !== undefined ? `-${this.endPort}` : ''}`;
    return this.protocol === undefined ? 'all' : `${port}/${this.protocol}`;
  }

  /** @internal */
  public _checkInto(problems: Problems, field: string): void {
    if (typeof this.port === 'string') {
      if (!isPortName(this.port)) {
        problems.add(field, this, 'a port name must be an IANA service name: at most 15 characters of [a-z0-9-] with a letter, no leading, trailing or double hyphen');
      }
      return;
    }
    if (this.port !== undefined && !isPortNumber(this.port)) {
      problems.add(field, this, 'a port must be an integer from 1 to 65535');
    }
    if (this.endPort !== undefined && (!isPortNumber(this.endPort) || this.endPort < (this.port ?? 0))) {
      problems.add(field, this, 'a range must end at an integer from its first port to 65535');
    }
  }

  public toString(): string {
    return this.label;
  }
}

function isPortNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}
