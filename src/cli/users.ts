import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import { isRole } from '../platform/auth/roles.js';
import { Email } from '../platform/http/schemas.js';
import { createUser } from '../accounts/users.service.js';
import { openRuntime, readStdin, runCommand } from './runtime.js';

const CLI_ACTOR = { ...SYSTEM_ACTOR, label: 'cli' };

/** `frontline user create`: the first admin, or any user, from the command line. */
export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('Manage users');
  user
    .command('create')
    .description('Create a user; the password comes from --password or standard input')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--role <role>', 'admin, lead, agent or viewer')
    .option('--password <password>', 'password (otherwise read from standard input)')
    .action((options: { email: string; name: string; role: string; password?: string }) =>
      runCommand(async () => {
        if (!isRole(options.role)) throw new Error(`--role must be admin, lead, agent or viewer, not ${options.role}`);
        const email = Email.safeParse(options.email);
        if (!email.success) throw new Error(`--email is not a valid email address: ${options.email}`);
        const password = options.password ?? (process.stdin.isTTY ? undefined : (await readStdin()).replace(/\r?\n$/, ''));
        if (!password) throw new Error('Give a password with --password or on standard input');
        const deps = await openRuntime();
        try {
          const created = await createUser(deps, CLI_ACTOR, { email: email.data, name: options.name, role: options.role, password });
          process.stdout.write(`Created ${created.role} ${created.email} (${created.id})\n`);
        } finally {
          await deps.db.close();
        }
      }),
    );
}
