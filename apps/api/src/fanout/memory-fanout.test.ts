import { describeFanOut } from './fanout.conformance.ts';
import { MemoryFanOut } from './memory-fanout.ts';

describeFanOut('in-process', async () => {
  const bus = new MemoryFanOut();
  return [bus, bus];
});
