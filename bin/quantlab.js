#!/usr/bin/env node
// The installed `quantlab` bin: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/run.ts');
