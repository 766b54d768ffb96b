/**
 * Erlang C (M/M/N queue): how many agents answer a share of contacts within a target time.
 * Load A = arrival rate × average handle time (Erlangs). The probability of waiting comes from
 * the Erlang B recursion (stable for any N, no factorials): B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)),
 * then C = N·B / (N − A·(1 − B)). Service level = 1 − C·e^(−(N − A)·target / AHT).
 */
export function erlangC(agents: number, load: number): number {
  if (load <= 0) return 0;
  if (agents <= load) return 1;
  let b = 1;
  for (let k = 1; k <= agents; k++) b = (load * b) / (k + load * b);
  return (agents * b) / (agents - load * (1 - b));
}

/** Share of contacts answered within `targetSeconds` with N agents. */
export function serviceLevel(agents: number, load: number, ahtSeconds: number, targetSeconds: number): number {
  if (load <= 0) return 1;
  if (agents <= load) return 0;
  return 1 - erlangC(agents, load) * Math.exp((-(agents - load) * targetSeconds) / ahtSeconds);
}

export interface StaffingInput {
  /** Contacts arriving per hour. */
  perHour: number;
  ahtSeconds: number;
  targetSeconds: number;
  /** Service level target, 0–1 (e.g. 0.8 = 80% within the target). */
  serviceLevel: number;
  /** Highest share of time agents may be busy, 0–1. */
  maxOccupancy: number;
}

export interface Staffing {
  agents: number;
  load: number;
  serviceLevel: number;
  occupancy: number;
  probabilityOfWaiting: number;
}

/** The fewest agents that meet the service level without exceeding the occupancy cap. */
export function agentsNeeded(input: StaffingInput): Staffing {
  const load = (input.perHour * input.ahtSeconds) / 3600;
  if (load <= 0) return { agents: 0, load: 0, serviceLevel: 1, occupancy: 0, probabilityOfWaiting: 0 };
  let agents = Math.max(Math.floor(load) + 1, Math.ceil(load / input.maxOccupancy - 1e-9));
  while (serviceLevel(agents, load, input.ahtSeconds, input.targetSeconds) < input.serviceLevel) agents++;
  return {
    agents,
    load,
    serviceLevel: serviceLevel(agents, load, input.ahtSeconds, input.targetSeconds),
    occupancy: load / agents,
    probabilityOfWaiting: erlangC(agents, load),
  };
}
