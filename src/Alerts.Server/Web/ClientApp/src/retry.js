const delays = [0, 500, 1000, 2000, 4000, 8000, 15000];

/** How long to wait before attempt number `attempt` (0 = the first retry); never gives up. */
export function retryDelay(attempt) {
  const base = delays[Math.min(attempt, delays.length - 1)];
  // Jitter spreads the readers of a restarted server over a few seconds instead of one spike.
  return base + Math.floor(Math.random() * base * 0.3);
}

export function sleep(milliseconds) {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
