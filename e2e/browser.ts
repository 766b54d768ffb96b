import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';

// Debian's Chromium; nothing is downloaded. The flags keep it off the (closed) network.
const EXECUTABLE = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** Launches headless Chromium as CI and developer machines have it. */
export async function launchBrowser(): Promise<Browser> {
  if (!EXECUTABLE) throw new Error('Chromium is not installed: apt-get install -y chromium (or set CHROMIUM_PATH)');
  return chromium.launch({
    executablePath: EXECUTABLE,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
