// Child process for runtime-lock tests: argv = <lock path> <mode>.
// mode "hold": acquire, report, hold until stdin closes, then release.
// mode "exit": acquire, report, exit at once (the 'exit' hook must remove the lock).
const { acquireRuntimeLock } = require('./load-ops');

const [lockPath, mode = 'hold'] = process.argv.slice(2);

acquireRuntimeLock(lockPath).then(
  (lock) => {
    const report = lock.acquired
      ? { acquired: true, pid: process.pid }
      : { acquired: false, holderPid: lock.pid, holderHost: lock.host };
    process.stdout.write(`${JSON.stringify(report)}\n`);
    if (!lock.acquired || mode === 'exit') process.exit(0);
    process.stdin.resume();
    process.stdin.on('end', () => {
      lock.release();
      process.exit(0);
    });
  },
  (err) => {
    process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  },
);
