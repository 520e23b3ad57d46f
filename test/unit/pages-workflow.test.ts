// @vitest-environment node
/**
 * The GitHub Pages workflow cannot run here (no GitHub): these checks validate it offline. It
 * parses; each action it uses is pinned to a major version that exists; it has the permissions
 * Pages deployment needs; and what it builds and uploads is what this repository builds (the
 * scripts exist, the build is relative so any /<repository>/ base works, the single file is
 * copied from where `npm run build:single` writes it).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import viteConfig, { SINGLE_FILE } from '../../vite.config.ts';

interface Step {
  uses?: string;
  run?: string;
  id?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  environment?: { name: string; url?: string };
  steps: Step[];
}
interface Workflow {
  name: string;
  on: { push?: { branches: string[] }; workflow_dispatch?: unknown };
  permissions: Record<string, string>;
  concurrency?: { group: string };
  jobs: Record<string, Job>;
}

const workflow = parse(readFileSync('.github/workflows/pages.yml', 'utf8')) as Workflow;
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  scripts: Record<string, string>;
  engines: { node: string };
};
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const runs = steps.flatMap((s) => (s.run ? [s.run.trim()] : []));

/**
 * Major versions GitHub has published for each action (from their release notes and pull
 * requests; newer majors may exist and can be added here once checked). A tag that does not
 * exist fails the run with "unable to resolve action"; a branch or sha is not a major version.
 */
const PUBLISHED_MAJORS: Record<string, string[]> = {
  'actions/checkout': ['v1', 'v2', 'v3', 'v4', 'v5'],
  'actions/setup-node': ['v1', 'v2', 'v3', 'v4', 'v5'],
  'actions/configure-pages': ['v1', 'v2', 'v3', 'v4', 'v5'],
  'actions/upload-pages-artifact': ['v1', 'v2', 'v3', 'v4'],
  'actions/deploy-pages': ['v1', 'v2', 'v3', 'v4'],
};
/** Pages deployment needs artifacts v4 underneath: upload v3+ with deploy v4+. */
const CURRENT = {
  'actions/upload-pages-artifact': ['v3', 'v4'],
  'actions/deploy-pages': ['v4'],
};

describe('the GitHub Pages workflow (.github/workflows/pages.yml)', () => {
  it('parses, runs on pushes to main and by hand, one deployment at a time', () => {
    expect(workflow.name).toMatch(/Pages/);
    expect(workflow.on.push?.branches).toEqual(['main']);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    expect(workflow.concurrency?.group).toBe('pages');
  });

  it('uses the five Pages actions, each pinned to a published major version', () => {
    const used = steps.flatMap((s) => (s.uses ? [s.uses] : []));
    const names = used.map((u) => u.split('@')[0]);
    expect(new Set(names)).toEqual(new Set(Object.keys(PUBLISHED_MAJORS)));
    for (const uses of used) {
      const [name, version] = uses.split('@');
      expect(PUBLISHED_MAJORS[name], `${uses}: a published major version`).toContain(version);
    }
    for (const [name, majors] of Object.entries(CURRENT)) {
      const version = used.find((u) => u.startsWith(`${name}@`))!.split('@')[1];
      expect(majors, `${name}@${version}: one that still deploys`).toContain(version);
    }
  });

  it('has the permissions Pages deployment needs (pages: write, id-token: write)', () => {
    expect(workflow.permissions).toMatchObject({
      contents: 'read',
      pages: 'write',
      'id-token': 'write',
    });
  });

  it('sets up the Node and npm majors the project requires', () => {
    const setup = steps.find((s) => s.uses?.startsWith('actions/setup-node@'))!;
    const node = String(setup.with?.['node-version']);
    // "20" takes the newest 20.x, which meets ">=20.19 <21".
    expect(pkg.engines.node).toContain(`>=${node}.`);
    expect(setup.with?.cache).toBe('npm');
    expect(runs).toContain('npm install -g npm@11');
    expect(runs).toContain('npm ci --no-audit --no-fund');
  });

  it('runs only scripts that exist, and builds without a fixed base path', () => {
    const scripts = runs.flatMap((r) => [...r.matchAll(/npm run (\S+)/g)].map((m) => m[1]));
    expect(scripts).toEqual(['build', 'build:single']);
    for (const script of scripts) expect(pkg.scripts, script).toHaveProperty(script);
    // A project page lives under /<repository>/: the build's paths must be relative.
    expect(runs.join('\n')).not.toMatch(/--base/);
    for (const mode of ['production', 'single']) {
      const config = viteConfig({ mode, command: 'build' });
      expect('base' in config && config.base, `base in ${mode} mode`).toBe('./');
    }
  });

  it('uploads dist/ with the single file beside index.html, then deploys it', () => {
    expect(runs).toContain(`cp dist-single/${SINGLE_FILE} dist/${SINGLE_FILE}`);
    const copyAt = runs.indexOf(`cp dist-single/${SINGLE_FILE} dist/${SINGLE_FILE}`);
    expect(copyAt).toBeGreaterThan(runs.indexOf('npm run build:single'));
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))!;
    expect(upload.with?.path).toBe('dist');
    const single = viteConfig({ mode: 'single', command: 'build' });
    expect('build' in single && single.build?.outDir).toBe('dist-single');

    const deploy = workflow.jobs.deploy;
    expect(deploy.needs).toBe('build');
    expect(deploy.environment?.name).toBe('github-pages');
    const step = deploy.steps.find((s) => s.uses?.startsWith('actions/deploy-pages@'))!;
    expect(deploy.environment?.url).toBe(`\${{ steps.${step.id}.outputs.page_url }}`);
  });
});
