export * from './auth';
export * from './applications';
export * from './catalog';
export * from './admin-users';
export * from './dashboard';
export * from './audit';
export * from './bridges';
