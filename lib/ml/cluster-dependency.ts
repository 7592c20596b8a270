import { Peer } from '../intent/peer';
import { Port } from '../intent/port';
import { EgressRule } from '../intent/rules';

/** Egress to an in-cluster dependency on exactly its ports (pod ports: policies see traffic after Service DNAT). */
export class ClusterDependency {
  public static postgres(to: Peer): EgressRule {
    return { to: [to], ports: [Port.tcp(5432)] };
  }

  public static mysql(to: Peer): EgressRule {
    return { to: [to], ports: [Port.tcp(3306)] };
  }

  public static redis(to: Peer): EgressRule {
    return { to: [to], ports: [Port.tcp(6379)] };
  }

  /** Milvus gRPC/REST (19530); its 9091 is metrics and health only. */
  public static milvus(to: Peer): EgressRule {
    return { to: [to], ports: [Port.tcp(19530)] };
  }

  /** Qdrant REST (6333) and gRPC (6334); 6335 is Qdrant's own peer-to-peer port. */
  public static qdrant(to: Peer): EgressRule {
    return { to: [to], ports: [Port.tcp(6333), Port.tcp(6334)] };
  }

  /** Feast feature server (6566). */
  public static feast(to: Peer): EgressRule {
    return { to: [to], ports: [Port.tcp(6566)] };
  }

  /** MLflow tracking server (`mlflow server` default 5000). */
  public static mlflow(to: Peer): EgressRule {
    return { to: [to], ports: [Port.tcp(5000)] };
  }

  /** MinIO S3 API (9000). */
  public static minio(to: Peer): EgressRule {
    return { to: [to], ports: [Port.tcp(9000)] };
  }

  /** Any other service. */
  public static custom(to: Peer, ports: Port[]): EgressRule {
    return { to: [to], ports };
  }
}
