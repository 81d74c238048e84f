import { z } from 'zod';

// The page's Content-Security-Policy forbids eval, so zod must not even try it: its probe is
// caught, but the browser still reports the attempt as a violation. Schemas built before this
// runs have made the probe already, hence main.tsx imports this module first.
z.config({ jitless: true });
