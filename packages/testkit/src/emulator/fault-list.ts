import type { FaultHandle } from './faults.js';
import { seededRandom } from './prng.js';

/** What every fault spec of an emulator has: its kind, and how many matching requests it hits. */
export interface FaultSpecBase {
  kind: string;
  times?: number | undefined;
}

interface ActiveFault<S extends FaultSpecBase> {
  spec: S;
  remaining: number;
  random?: { rate: number; choices: ReadonlyArray<Partial<S>>; next: () => number };
}

/**
 * The scripted and seeded-random faults of an emulator (ARM's and the Kubernetes API's): each one's hits left, and
 * which hit a request. What a fault matches is the controller's; this keeps the list and counts it down.
 */
export class FaultList<S extends FaultSpecBase> {
  #active: ActiveFault<S>[] = [];
  readonly #seed: number;

  constructor(seed: number) {
    this.#seed = seed;
  }

  /** A fault for the next `spec.times` (default 1) matching requests. */
  inject(spec: S): FaultHandle {
    return this.#add({ spec, remaining: spec.times ?? 1 });
  }

  /**
   * Random faults: each request `spec` matches gets one of `choices` (merged over `spec`) with probability
   * `rate`, drawn from a generator seeded with `seed` (default: the emulator's).
   */
  random(spec: S, rate: number, choices: ReadonlyArray<Partial<S>>, seed?: number): FaultHandle {
    const next = seededRandom(seed ?? this.#seed);
    return this.#add({ spec, remaining: Number.POSITIVE_INFINITY, random: { rate, choices, next } });
  }

  /** Removes every fault. */
  clear(): void {
    this.#active = [];
  }

  /**
   * The faults that hit a request, counted down: those whose spec `matches` it, a random one only when drawn and
   * when the fault drawn `applies` to it.
   */
  take(matches: (spec: S) => boolean, applies: (spec: S) => boolean = () => true): S[] {
    const hits: S[] = [];
    for (const fault of this.#active) {
      if (fault.remaining <= 0 || !matches(fault.spec)) continue;
      let spec = fault.spec;
      if (fault.random) {
        if (fault.random.next() >= fault.random.rate || fault.random.choices.length === 0) continue;
        const index = Math.floor(fault.random.next() * fault.random.choices.length);
        spec = { ...fault.spec, ...fault.random.choices[index]! };
        if (!applies(spec)) continue;
      }
      fault.remaining -= 1;
      hits.push(spec);
    }
    this.#active = this.#active.filter((fault) => fault.remaining > 0);
    return hits;
  }

  #add(fault: ActiveFault<S>): FaultHandle {
    this.#active.push(fault);
    return {
      get remaining() {
        return fault.remaining;
      },
      cancel: () => {
        fault.remaining = 0;
        this.#active = this.#active.filter((candidate) => candidate !== fault);
      },
    };
  }
}
