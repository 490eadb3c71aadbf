/** The lab's version (package.json), written into the provenance of what the browser stores. */
import pkg from '../../../package.json';

export const APP_VERSION: string = pkg.version;
