/**
 * The headless simulator (MODEL.md contract):
 *   npm run --silent simulate -- <scenario.json>
 * Writes one JSON report to stdout. A file that is not valid JSON or not a valid scenario: exit 2,
 * nothing on stdout, one line per problem on stderr. Any other failure: exit 1. Never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { formatProblem, parseScenarioText, runScenario } from '../engine/index.ts';

function fail(code: number, lines: string[]): never {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(code);
}

function main(argv: string[]): void {
  const files = argv.filter((a) => a !== '--');
  if (files.length !== 1) fail(1, ['usage: npm run --silent simulate -- <scenario.json>']);
  let text: string;
  try {
    text = readFileSync(files[0], 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    fail(1, [`simulate: cannot read ${files[0]} (${code})`]);
  }
  const parsed = parseScenarioText(text);
  if (!parsed.ok) fail(2, parsed.problems.map(formatProblem));
  const report = runScenario(parsed.scenario);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

process.on('uncaughtException', (error) => {
  fail(1, [`simulate: internal error: ${error instanceof Error ? error.message : String(error)}`]);
});

main(process.argv.slice(2));
