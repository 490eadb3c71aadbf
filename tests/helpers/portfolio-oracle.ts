import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A worked reference case of ../shared/guide/portfolio-visible.json (values from outside libraries). */
export interface PortfolioCase<V> {
  id: string;
  family: string;
  library: string;
  values: V;
}

const FILE = fileURLToPath(new URL('../../../shared/guide/portfolio-visible.json', import.meta.url));

export function portfolioCase<V>(id: string): PortfolioCase<V> {
  const doc = JSON.parse(readFileSync(FILE, 'utf8')) as { cases: PortfolioCase<unknown>[] };
  const found = doc.cases.find((c) => c.id === id);
  if (!found) throw new Error(`no case "${id}" in ${FILE}`);
  return found as PortfolioCase<V>;
}
