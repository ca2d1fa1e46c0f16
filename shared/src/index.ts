export * from './api';
export * from './envelope';
export * from './enums';
export * from './error-codes';
export * from './headers';
export * from './admin';
