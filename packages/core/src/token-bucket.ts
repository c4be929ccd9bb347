/**
 * A token bucket refilled continuously, except while paused. Time is passed in, so the bucket is pure. Its level
 * may go below zero (see {@link TokenBucket.exhaustFor}): the refill then pays the debt first.
 */
export class TokenBucket {
  readonly capacity: number;
  readonly refillPerMs: number;
  #tokens: number;
  #updatedAt: number;
  #paused = false;

  constructor(capacity: number, refillPerMs: number, now: number) {
    this.capacity = capacity;
    this.refillPerMs = refillPerMs;
    this.#tokens = capacity;
    this.#updatedAt = now;
  }

  /** Tokens available at `now`. */
  tokens(now: number): number {
    this.#refill(now);
    return this.#tokens;
  }

  /** Milliseconds from `now` until `count` tokens are available (0: already), were the refill running. */
  waitFor(count: number, now: number): number {
    this.#refill(now);
    return this.#tokens >= count ? 0 : (count - this.#tokens) / this.refillPerMs;
  }

  /** Takes one token (the caller checked that one is there). */
  take(now: number): void {
    this.#refill(now);
    this.#tokens -= 1;
  }

  /** Stops the refill (e.g. while a request ARM may still count is in flight); {@link TokenBucket.resume} restarts it. */
  pause(now: number): void {
    this.#refill(now);
    this.#paused = true;
  }

  /** Restarts the refill from `now`: the time it was paused adds nothing. */
  resume(now: number): void {
    this.#paused = false;
    this.#updatedAt = Math.max(this.#updatedAt, now);
  }

  /**
   * The server refused a request and said its next token comes in `waitInMs`, and that token goes to the refused
   * request's own retry: the next token here comes one refill after that.
   */
  exhaustFor(waitInMs: number, now: number): void {
    this.#refill(now);
    this.#tokens = Math.min(this.#tokens, -waitInMs * this.refillPerMs);
  }

  #refill(now: number): void {
    if (this.#paused) return;
    if (now > this.#updatedAt) {
      this.#tokens = Math.min(this.capacity, this.#tokens + (now - this.#updatedAt) * this.refillPerMs);
      this.#updatedAt = now;
    }
  }
}
