/**
 * Debian's Chromium and the flags it needs here (TOOLCHAIN.md): shared by the browser tests and
 * the rendering benchmark. Without the background-networking flags Chromium tries to reach
 * Google's hosts, which this machine's closed network refuses.
 */
import { execSync } from 'node:child_process';

export function chromiumPath(): string {
  return execSync('command -v chromium').toString().trim();
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
