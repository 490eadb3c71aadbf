// Process entry of the `quantlab` command.
import { runCli } from './main';

await runCli(process.argv.slice(2));
