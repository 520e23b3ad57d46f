/**
 * The scenarios shipped with the app (`scenarios/*.json`), bundled as raw text so that they go
 * through the same parser and validation as an imported file.
 */

export interface BundledScenario {
  /** File name, e.g. `01-yesterday-vs-today.json`: stable, and the order of the list. */
  file: string;
  /** The scenario's `name`, or the file name when it has none. */
  name: string;
  text: string;
}

const files = import.meta.glob<string>('../../scenarios/*.json', {
  eager: true,
  query: '?raw',
  import: 'default',
});

/** Reads only the name: full validation happens when the scenario is picked. */
function nameOf(text: string, file: string): string {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && 'name' in value) {
      const name = (value as { name: unknown }).name;
      if (typeof name === 'string' && name.trim() !== '') return name;
    }
  } catch {
    // An invalid bundled file still appears in the list; picking it shows its problems.
  }
  return file.replace(/\.json$/, '');
}

/**
 * Unified (Dataflow-style) scenarios run headless (`npm run simulate`) but the page cannot play
 * them step by step yet: they stay out of the picker until it can.
 */
function isUnified(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return (
      !!value &&
      typeof value === 'object' &&
      'architecture' in value &&
      value.architecture === 'unified'
    );
  } catch {
    return false;
  }
}

export const bundledScenarios: readonly BundledScenario[] = Object.entries(files)
  .filter(([, text]) => !isUnified(text))
  .map(([path, text]) => {
    const file = path.slice(path.lastIndexOf('/') + 1);
    return { file, name: nameOf(text, file), text };
  })
  .sort((a, b) => a.file.localeCompare(b.file));
