// dt-sql-parser's dist/ is ES modules written for bundlers: its relative imports name neither the `.js`
// extension nor `index.js`, which Node's own ES module resolver refuses. This resolve hook retries such a
// relative import as `<name>.js`, then `<name>/index.js`; every other import resolves as usual.
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    if (!relative || (error.code !== 'ERR_MODULE_NOT_FOUND' && error.code !== 'ERR_UNSUPPORTED_DIR_IMPORT')) throw error;
    for (const candidate of [`${specifier}.js`, `${specifier}/index.js`]) {
      try {
        return await nextResolve(candidate, context);
      } catch {
        // try the next candidate
      }
    }
    throw error;
  }
}
