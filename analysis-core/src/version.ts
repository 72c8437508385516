export const LOUPE_VERSION = '0.1.0';
