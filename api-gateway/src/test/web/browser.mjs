// Debian's headless Chromium through playwright-core (never a downloaded browser), for the web page's test and the
// trace picture.
import { chromium } from 'playwright-core';

/**
 * As root, Chromium runs without its sandbox (Playwright passes --no-sandbox unless chromiumSandbox is set); the other
 * flags keep it off the network: this machine's closed network refuses Chromium's background connections.
 */
export function launchChromium(executablePath, timeout) {
  return chromium.launch({
    executablePath,
    headless: true,
    timeout,
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
