/**
 * The shortest passphrase the core accepts (`MIN_PASSPHRASE_CHARS` in src/keys/passphrase.rs,
 * which decides): the forms use it to say so before asking.
 */
export const MIN_PASSPHRASE = 8;
