import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import { isRole } from '../platform/auth/roles.js';
import { getUserByEmail } from '../accounts/users.service.js';
import { createToken } from '../accounts/tokens.service.js';
import { openRuntime, runCommand } from './runtime.js';

/** `frontline token create`: prints a new API token alone on the last line of standard output. */
export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('Manage API tokens');
  token
    .command('create')
    .description('Create an API token for a user; the token is printed once, on the last line')
    .requiredOption('--email <email>', "the owner's email")
    .requiredOption('--name <label>', 'a label for the token')
    .option('--role <role>', "cap the token's role below its owner's")
    .action((options: { email: string; name: string; role?: string }) =>
      runCommand(async () => {
        if (options.role !== undefined && !isRole(options.role)) throw new Error(`--role must be admin, lead, agent or viewer`);
        const deps = await openRuntime();
        try {
          const user = await getUserByEmail(deps, options.email);
          if (!user) throw new Error(`No user with email ${options.email}`);
          const role = options.role && isRole(options.role) ? options.role : undefined;
          const created = await createToken(deps, { ...SYSTEM_ACTOR, label: 'cli' }, { userId: user.id, name: options.name, role });
          process.stdout.write(`Created token ${created.record.prefix}… for ${user.email}. It is shown only now:\n${created.token}\n`);
        } finally {
          await deps.db.close();
        }
      }),
    );
}
