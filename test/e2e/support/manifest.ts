import { readFileSync } from 'node:fs';

/**
 * The scripts a Vite manifest entry of the build in `dist/` loads: its own and its static
 * imports', transitively, as URL paths.
 */
export function closure(entry: string): string[] {
  const manifest = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8')) as Record<
    string,
    { file: string; imports?: string[] }
  >;
  if (!manifest[entry]) throw new Error(`no ${entry} in the build's manifest`);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    manifest[key].imports?.forEach(visit);
  };
  visit(entry);
  return [...seen].map((k) => `/${manifest[k].file}`).filter((f) => f.endsWith('.js'));
}
