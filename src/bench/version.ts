/** Name and version of this package, written into every result file. Keep in step with package.json (a test checks). */
export const PACKAGE = { name: 'bananas-ts', version: '0.1.0' } as const;
