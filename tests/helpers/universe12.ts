import { readSharedCloses } from './shared-data';

/** The 12 instruments of ../shared/data/universe12, in the order of its closes.csv. */
export const UNIVERSE12 = ['TEC1', 'TEC2', 'TEC3', 'TEC4', 'FIN1', 'FIN2', 'FIN3', 'FIN4', 'NRG1', 'NRG2', 'NRG3', 'NRG4'] as const;

export function universeCloses(name: string): Float64Array {
  return readSharedCloses(`universe12/${name}.csv`).close;
}
