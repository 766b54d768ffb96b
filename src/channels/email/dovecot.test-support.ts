import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** A real Dovecot IMAP server for tests: own config, maildir and log in a temp dir, plain IMAP on loopback. */
export interface Dovecot {
  port: number;
  /** Makes Dovecot renumber the user's INBOX (a new UIDVALIDITY), as after a mailbox rebuild or migration. */
  renumber(user: string): void;
  stop(): Promise<void>;
}

const CANDIDATES = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot', '/usr/bin/dovecot'];

export async function startDovecot(users: Record<string, string>): Promise<Dovecot> {
  const binary = CANDIDATES.find((path) => existsSync(path));
  if (!binary) throw new Error('Dovecot was not found (looked in ' + CANDIDATES.join(', ') + '): install it with `apt-get install dovecot-imapd` to run the IMAP tests');
  const dir = mkdtempSync(join(tmpdir(), 'frontline-dovecot-'));
  const port = await freePort();
  const root = process.getuid?.() === 0;
  // Dovecot refuses to run its login process, or a mail user, as root: use nobody then; otherwise ourselves.
  const me = userInfo();
  const loginUser = root ? 'nobody' : me.username;
  const mailUid = root ? 65534 : me.uid;
  const mailGid = root ? 65534 : me.gid;
  mkdirSync(join(dir, 'mail'));
  mkdirSync(join(dir, 'run'));
  chmodSync(dir, 0o755);
  chmodSync(join(dir, 'mail'), 0o777);
  writeFileSync(join(dir, 'passwd'), Object.entries(users).map(([user, password]) => `${user}:{PLAIN}${password}::::::\n`).join(''));
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/run/state
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = ${dir}/dovecot.log
default_internal_user = ${root ? 'root' : me.username}
default_internal_group = ${root ? 'root' : me.username}
default_login_user = ${loginUser}
first_valid_uid = ${Math.min(mailUid, 1)}
mail_location = maildir:${dir}/mail/%u
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${dir}/mail/%u
}
`,
  );
  const child: ChildProcess = spawn(binary, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const log = () => `${output}\n${existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : ''}`;
  const deadline = Date.now() + 15_000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Dovecot did not start:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    renumber(user) {
      // Without its UID list and indexes Dovecot assigns new UIDs under a new UIDVALIDITY (the time, in seconds).
      for (const file of readdirSync(join(dir, 'mail', user))) if (file.startsWith('dovecot')) rmSync(join(dir, 'mail', user, file), { force: true });
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
