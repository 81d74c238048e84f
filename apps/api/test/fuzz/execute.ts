import { callsOf, type Call, type Run } from './calls.ts';
import { defectOf, preview, type Outcome } from './outcome.ts';

/** How calls reach the server. */
interface Transport {
  name: string;
  one(call: Call): Promise<Outcome>;
  /** Calls made at once, when the transport puts them together (HTTP's batch); else each is made at once with `one`. */
  atOnce?(calls: Call[]): Promise<Outcome[]>;
}

/** Makes a run's calls (one after another, or all at once) and describes each answer that breaks the property. */
export async function performRun(run: Run, transport: Transport): Promise<string[]> {
  const calls = callsOf(run);
  const outcomes: Outcome[] = [];
  if (run.concurrent) outcomes.push(...(await (transport.atOnce ? transport.atOnce(calls) : Promise.all(calls.map((call) => transport.one(call))))));
  else for (const call of calls) outcomes.push(await transport.one(call));
  return calls.flatMap((call, i) => {
    const defect = defectOf(outcomes[i] as Outcome);
    return defect ? [`${call.path} (${call.type}, ${call.caller}) over ${transport.name}: ${defect}\n    input: ${preview(call.input)}`] : [];
  });
}
