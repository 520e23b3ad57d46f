import { defineConfig } from '@playwright/test';
import { execSync } from 'node:child_process';

// Debian's Chromium, not a browser downloaded by Playwright (TOOLCHAIN.md, pitfall 8).
const chromium = execSync('command -v chromium').toString().trim();

export default defineConfig({
  testDir: 'test/e2e',
  reporter: 'list',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: true,
  use: {
    baseURL: 'http://127.0.0.1:4173',
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'npm run build && npm run preview -- --port 4173 --strictPort',
    url: 'http://127.0.0.1:4173',
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
