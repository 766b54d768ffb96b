// Preload for any benchmark run in process: with FRONTLINE_SQL_PROFILE=1 the database layer counts
// and times every statement (src/platform/db/database.ts); this prints the table on exit, most
// frequent first, to standard error:
//   FRONTLINE_SQL_PROFILE=1 node --import tsx --import ./bench/lib/sql-profile.mjs bench/ticket-create.ts --rounds 1
process.on('exit', () => {
  const stats = globalThis.frontlineSqlProfile;
  if (!stats) {
    process.stderr.write('sql-profile: nothing recorded (is FRONTLINE_SQL_PROFILE=1 set?)\n');
    return;
  }
  const rows = [...stats.entries()].sort((a, b) => b[1][0] - a[1][0]);
  const total = rows.reduce((sum, [, [count]]) => sum + count, 0);
  process.stderr.write(`statements: ${total}\n  count  total ms  statement (first 80 characters)\n`);
  for (const [text, [count, ms]] of rows.slice(0, Number(process.env.SQL_PROFILE_ROWS ?? 60))) {
    process.stderr.write(`${String(count).padStart(7)} ${ms.toFixed(0).padStart(9)}  ${text}\n`);
  }
});
