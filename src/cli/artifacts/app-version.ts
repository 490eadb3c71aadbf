/** The lab's version (package.json), written into provenance of what the CLI stores. */
import pkg from '../../../package.json' with { type: 'json' };

export const APP_VERSION: string = pkg.version;
