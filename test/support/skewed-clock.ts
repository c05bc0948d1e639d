// A stand-in for a machine whose clock is wrong (setting the real clock needs root and would move
// every process): loaded with --import into an app-server process, it shifts that process's wall
// clock, Date.now() and new Date(), by CONVENE_TEST_CLOCK_SKEW_MS. Timers and performance.now()
// are monotonic and stay as they are, as on a real machine with a wrong clock.
const skew = Number(process.env.CONVENE_TEST_CLOCK_SKEW_MS ?? '0');
if (!Number.isFinite(skew)) throw new Error('CONVENE_TEST_CLOCK_SKEW_MS must be a number of milliseconds');

if (skew !== 0) {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  const now = () => realNow() + skew;
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args: unknown[], newTarget: new (...a: unknown[]) => unknown) =>
      Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget) as object,
    apply: () => new RealDate(now()).toString(),
    get: (target, key, receiver) => (key === 'now' ? now : (Reflect.get(target, key, receiver) as unknown)),
  });
}

export {};
