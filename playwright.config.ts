import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.config.ts';

// Debian's Chromium, not a browser downloaded by Playwright (TOOLCHAIN.md, pitfall 8).
const chromium = chromiumPath();

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
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: 'npm run build && npm run preview -- --port 4173 --strictPort',
    url: 'http://127.0.0.1:4173',
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
