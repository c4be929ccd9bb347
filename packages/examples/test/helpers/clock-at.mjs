// Preloaded into a pod by tests (`node --import`): the process's clock starts at TEST_CLOCK_AT (an ISO instant) and
// runs on from there, so a sequence of CronJob-like runs can be minutes apart without minutes passing. The pod
// itself is not changed.
const at = process.env.TEST_CLOCK_AT;
if (at) {
  const RealDate = Date;
  const offset = RealDate.parse(at) - RealDate.now();
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
}
