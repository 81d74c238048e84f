import { closeSync, fstatSync, openSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the report was written: other work on the machine skews latency. */
  loadAverage: number;
  /**
   * Microseconds one system call takes from JavaScript (an `fstat`). Virtual machines of one kind
   * differ in it (page-table isolation, the hypervisor), and our server makes about five times as
   * many per message as bare ws: ratios from two machines are comparable only where it is close.
   * Absent from results written before it was measured.
   */
  syscallUs?: number;
}

function syscallMicros(): number {
  const fd = openSync(process.execPath, 'r');
  try {
    const calls = 100_000;
    for (let i = 0; i < calls / 10; i++) fstatSync(fd);
    const started = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) fstatSync(fd);
    return Math.round(Number(process.hrtime.bigint() - started) / calls / 10) / 100;
  } finally {
    closeSync(fd);
  }
}

export const machineInfo = (): MachineInfo => ({
  nproc: cpus().length,
  cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  syscallUs: syscallMicros(),
});

/** A report's first line: when, on what machine, and how busy it was. */
export const machineLine = (date: string, m: MachineInfo, durationSec: number): string =>
  `${date} · ${m.nproc} × ${m.cpuModel} · ${m.memoryGiB} GiB · Node ${m.node} · ${m.platform} · load average ${m.loadAverage} at the end` +
  `${m.syscallUs === undefined ? '' : ` · a system call ${m.syscallUs} µs (fstat from Node)`} · ${durationSec} s`;
