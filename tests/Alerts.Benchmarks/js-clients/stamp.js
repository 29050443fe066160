// The load generator's stamp in a headline, `lg:{post time µs}:{alert index}:`, as Alerts.LoadGen's
// AlertMarker writes it. The time is CLOCK_MONOTONIC (process.hrtime), one clock for every process
// on the machine, so the poster's stamp and a client process' receipt time compare.
'use strict';

const nowMicros = () => Number(process.hrtime.bigint() / 1000n);

const headline = (postedAt, index) => `Load test lg:${postedAt}:${index}: parliament votes on the budget after a night of talks`;

function stampOf(text) {
  const match = typeof text === 'string' && /lg:(\d+):(\d+):/.exec(text);
  return match ? { postedAt: Number(match[1]), index: Number(match[2]) } : null;
}

module.exports = { nowMicros, headline, stampOf };
