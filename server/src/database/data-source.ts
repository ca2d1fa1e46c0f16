import { DataSource } from 'typeorm';
import { loadAppConfig } from '../config/load-app-config';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI (`npx typeorm migration:generate -d server/dist/database/data-source.js …`). */
export default new DataSource({ ...dataSourceOptions(loadAppConfig(process.env).database), migrationsRun: false });
