/** The library's version, as its package.json says (test/api.test.ts checks they agree). */
export const VERSION = "0.1.0";
