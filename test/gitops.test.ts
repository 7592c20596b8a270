import { ApplicationSet } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet';
import { ENVIRONMENTS } from '../app/environments';
import { buildGitOps, GITOPS_SOURCE } from '../app/gitops';
import { buildPlatform } from '../app/platform';
import { renderTargets } from '../lib';

describe('Argo CD ApplicationSet', () => {
  // GIVEN the ApplicationSet for the reference environments
  const [applicationSet] = buildGitOps(ENVIRONMENTS).charts.flatMap((c) => c.toJson());

  test('is a valid argoproj.io/v1alpha1 ApplicationSet (@kubernetes-models/argo-cd schema)', () => {
    // WHEN / THEN
    expect(() => new ApplicationSet(applicationSet).validate()).not.toThrow();
    expect(applicationSet).toMatchSnapshot();
  });

  test('the schema check can fail', () => {
    expect(() => new ApplicationSet({ ...applicationSet, spec: { ...applicationSet.spec, template: { metadata: {}, spec: { source: { repoURL: 5 } } } } }).validate())
      .toThrow(/must have required property destination/);
  });

  test('one Application per environment, syncing only the manifests of its folder', () => {
    // WHEN the environments are synthesized
    const files = renderTargets(ENVIRONMENTS.map((env) => ({ name: env.name, app: buildPlatform(env) })), { onWarning: () => undefined }).map((f) => f.path);
    // THEN every environment has an element, and its folder holds the files the include pattern selects
    expect(applicationSet.spec.generators[0].list.elements).toEqual(ENVIRONMENTS.map((e) => ({ env: e.name, cluster: e.argoCdCluster })));
    const source = applicationSet.spec.template.spec.source;
    expect(source.path).toEqual(`${GITOPS_SOURCE.path}/{{.env}}`);
    const include = new RegExp(`^${source.directory.include.replace('.', '\\.').replace('*', '[^/]*')}$`);
    for (const env of ENVIRONMENTS) {
      const folder = files.filter((f) => f.startsWith(`${env.name}/`)).map((f) => f.slice(env.name.length + 1));
      expect(folder.filter((f) => include.test(f)).length).toBeGreaterThan(0);
      expect(folder.filter((f) => !include.test(f))).toEqual([]);
    }
    expect(include.test('connectivity.md')).toBe(false);
    expect(applicationSet.spec.template.spec.syncPolicy).toEqual({ automated: { prune: true, selfHeal: true }, syncOptions: ['ServerSideApply=true'] });
  });
});
