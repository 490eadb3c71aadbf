/**
 * The page runs under a Content-Security-Policy without 'unsafe-eval' (vite.config.ts). zod would probe for `new
 * Function` when its first object schema is built — refused and reported as a violation — and compile validators
 * where allowed; jitless, it never tries. Imported first by main.ts, so this runs before any schema module does.
 */
import { z } from 'zod';

z.config({ jitless: true });
