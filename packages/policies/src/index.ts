export { formatDuration, parseDurationInMs } from './duration.js';
export { parseNodePoolsAmount } from './node-pools-amount.js';
export { isPoolName, MAX_POOL_COUNT, POOL_NAME_PATTERN } from './pool-counts.js';
export type { CronRule, ScheduleRule, ScheduleSpec, WhenRule } from './schedule.js';
export { schedulePolicy } from './schedule-policy.js';
export {
  type ScheduleTransition,
  type ScheduleTransitionsOptions,
  scheduleTransitions,
} from './schedule-transitions.js';
export { fromNodePoolsAmount, type StaticPolicyOptions, staticPolicy } from './static-policy.js';
export { type AbsoluteWindow, parseWhen, type WeeklyWindow, type WhenWindow } from './when.js';
