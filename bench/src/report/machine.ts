import { cpus, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the report was written: other work on the machine skews latency. */
  loadAverage: number;
}

export const machineInfo = (): MachineInfo => ({
  nproc: cpus().length,
  cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
});
