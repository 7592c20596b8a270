import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const CRD_DIR = path.resolve(ROOT, process.env.CILIUM_CRDS_DIR ?? '../shared/crds/cilium');
const haveCrds = fs.existsSync(path.join(CRD_DIR, 'ciliumnetworkpolicies.yaml'));

describe('generated Cilium constructs', () => {
  (haveCrds ? test : test.skip)(`imports/ equals a fresh regeneration from ${CRD_DIR}`, () => {
    // GIVEN the Cilium CRDs / WHEN regenerated into a scratch folder
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'imports-'));
    execFileSync('node', [path.join(ROOT, 'scripts', 'import-cilium.js'), '--out', out], { cwd: ROOT, stdio: 'pipe' });
    // THEN
    const fresh = fs.readdirSync(out).sort();
    expect(fresh).toEqual(fs.readdirSync(path.join(ROOT, 'imports')).sort());
    for (const file of fresh) {
      expect(fs.readFileSync(path.join(out, file), 'utf8') === fs.readFileSync(path.join(ROOT, 'imports', file), 'utf8')).toBe(true);
    }
  }, 60_000);

  test('the module holds the three kinds at cilium.io/v2 and none of the trimmed schema parts', () => {
    const source = fs.readFileSync(path.join(ROOT, 'imports', 'cilium.io.ts'), 'utf8');
    for (const kind of ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'CiliumCIDRGroup']) {
      expect(source).toContain(`apiVersion: 'cilium.io/v2',\n    kind: '${kind}',`);
    }
    expect(source).not.toMatch(/readonly specs\?/);
    expect(source).not.toContain('v2alpha1');
  });
});
