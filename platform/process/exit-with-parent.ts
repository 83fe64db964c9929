// Preloaded into every supervised child: when the supervisor goes away (even by SIGKILL),
// the IPC channel closes and the child stops itself cleanly instead of lingering as an orphan
// that holds the data directory's locks.
if (process.send) {
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
export {};
