#!/usr/bin/env node
import { Command } from 'commander';
import { VERSION } from '../platform/version.js';
import { registerAnalyticsCommands } from './analytics.js';
import { registerForecast } from './forecast.js';
import { registerKbCommands } from './kb.js';
import { registerMonitorCommands } from './monitors.js';
import { registerMigrate } from './migrate.js';
import { registerSeed } from './seed.js';
import { registerServe } from './serve.js';
import { registerTokenCommands } from './tokens.js';
import { registerTicketCommands } from './tickets.js';
import { registerTriage } from './triage.js';
import { registerUserCommands } from './users.js';

/** The `frontline` command: one sub-command per file in this folder. */
const program = new Command('frontline').version(VERSION).description('Frontline customer support').showHelpAfterError();
registerServe(program);
registerMigrate(program);
registerUserCommands(program);
registerTokenCommands(program);
registerSeed(program);
registerKbCommands(program);
registerTriage(program);
registerTicketCommands(program);
registerAnalyticsCommands(program);
registerMonitorCommands(program);
registerForecast(program);

await program.parseAsync(process.argv);
