import { Problems } from '../errors';
import { isDnsLabel } from '../common/syntax';
import { LabelExpression, LabelSelector, LabelSelectorJson } from './label-selector';

/** The immutable label every namespace carries with its own name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
/** Cilium's label for the namespace of an endpoint. */
export const CILIUM_NAMESPACE_KEY = 'k8s:io.kubernetes.pod.namespace';
/** Cilium's prefix for the labels of an endpoint's namespace. */
export const CILIUM_NAMESPACE_LABELS_PREFIX = 'k8s:io.cilium.k8s.namespace.labels.';

/** Selects namespaces by name or by labels. */
export class NamespaceSelector {
  public static named(...names: string[]): NamespaceSelector {
    return new NamespaceSelector([...names], undefined);
  }

  public static labelled(labels: { readonly [key: string]: string }): NamespaceSelector {
    return new NamespaceSelector(undefined, LabelSelector.labels(labels));
  }

  public static of(selector: LabelSelector): NamespaceSelector {
    return new NamespaceSelector(undefined, selector);
  }

  public static all(): NamespaceSelector {
    return new NamespaceSelector(undefined, LabelSelector.all());
  }

  private constructor(
    /** Namespace names, when selected by name. */
    public readonly names: readonly string[] | undefined,
    /** The label selector, when selected by labels. */
    public readonly selector: LabelSelector | undefined,
  ) {}

  public get isAll(): boolean {
    return this.selector !== undefined && this.selector.isEmpty;
  }

  /** @internal */
  public _checkInto(problems: Problems, field: string): void {
    if (this.names) {
      if (this.names.length === 0) problems.add(field, this, 'name at least one namespace');
      for (const name of this.names) {
        if (!isDnsLabel(name)) problems.add(field, name, 'a namespace name must be a DNS label (lower case, at most 63 characters)');
      }
    }
    this.selector?._checkInto(problems, field);
  }

  /** The `namespaceSelector` of a Kubernetes NetworkPolicy peer. */
  public toKubernetes(): LabelSelectorJson {
    if (this.names) return this.namesAsSelector(NAMESPACE_NAME_LABEL).toJson();
    return this.selector!.toJson();
  }

  /** The namespace part of a Cilium endpoint selector. */
  public toCilium(): LabelSelectorJson {
    if (this.names) return this.namesAsSelector(CILIUM_NAMESPACE_KEY).toJson();
    if (this.selector!.isEmpty) return { matchExpressions: [{ key: CILIUM_NAMESPACE_KEY, operator: 'Exists' }] };
    return this.selector!.toJson(CILIUM_NAMESPACE_LABELS_PREFIX);
  }

  private namesAsSelector(key: string): LabelSelector {
    const names = [...new Set(this.names)].sort();
    return names.length === 1
      ? LabelSelector.labels({ [key]: names[0] })
      : LabelSelector.of({ expressions: [LabelExpression.in(key, names)] });
  }

  public toString(): string {
    return this.names ? `namespaces ${this.names.join(', ')}` : `namespaces ${this.selector}`;
  }
}
