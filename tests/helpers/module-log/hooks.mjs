// Module hooks (node:module register) that append the URL of every module loaded to the file named by
// QUANTLAB_MODULE_LOG: which files a command really loaded, whatever imported them.
import { appendFileSync } from 'node:fs';

/** @type {import('node:module').LoadHook} */
export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (process.env.QUANTLAB_MODULE_LOG) appendFileSync(process.env.QUANTLAB_MODULE_LOG, `${url}\n`);
  return result;
}
