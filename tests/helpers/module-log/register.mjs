// `node --import ./register.mjs …`: installs hooks.mjs before the program's first module loads.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
