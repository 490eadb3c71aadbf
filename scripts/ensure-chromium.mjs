// Makes sure Debian's Chromium is installed for the end-to-end tests. As root it installs the package;
// otherwise it stops with the exact command to run. Nothing is downloaded outside the Debian archive.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const path = process.env.QUANTLAB_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const command = 'apt-get update && apt-get install -y chromium';
if (typeof process.getuid === 'function' && process.getuid() === 0) {
  console.log(`Chromium not found at ${path}; installing Debian's chromium package…`);
  execSync(command, { stdio: 'inherit', shell: '/bin/bash', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!existsSync(path)) {
    console.error(`Installed chromium, but ${path} is still missing.`);
    process.exit(1);
  }
} else {
  console.error(`Chromium is required for the end-to-end tests and is not installed at ${path}.\nRun: sudo sh -c '${command}'`);
  process.exit(1);
}
